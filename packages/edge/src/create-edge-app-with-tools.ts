import { configTools } from './config-tools.ts';
import { createEdgeApp as createBareEdgeApp, type EdgeApp } from './create-edge-app.ts';
import type { EdgeOptions } from './edge-options.ts';

/**
 * Creates the edge app over injected storage, secret and config, with the publish step's impact
 * preview and backtest (`configTools`) unless the options say otherwise.
 * @throws WeakSecretError when a secret is shorter than 32 bytes outside `development` mode
 * @example
 * const app = createEdgeApp({ storage: await createPgliteStorage('.headroom/db'), secret, config });
 * serve({ fetch: app.fetch, port: 8787 });
 */
export function createEdgeApp(options: EdgeOptions): EdgeApp {
  return createBareEdgeApp({ configTools, ...options });
}
