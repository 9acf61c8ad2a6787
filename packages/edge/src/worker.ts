import { createEdgeApp, type EdgeApp } from './create-edge-app.ts';
import type { EdgeOptions } from './edge-options.ts';

export { signAccountToken, verifyWebhookSignature } from '@headroom/server';
// Labelled admin tokens are read in `init` (`adminTokens: parseAdminTokens(env.HEADROOM_ADMIN_TOKENS)`),
// so a worker that does not use them does not carry the parser.
export { type AdminTokens, parseAdminTokens } from './admin-tokens.ts';
export { createEdgeApp, type EdgeApp } from './create-edge-app.ts';
export type { EdgeOptions } from './edge-options.ts';
export type { SqlClient } from './storage/sql-client.ts';
export { createSqlStorage } from './storage/sql-storage.ts';
export type { ConfigVersion, Handoff, HandoffPayload, Storage, StoredEvent } from './storage/storage.ts';

/** Environment bindings read by `createEdgeWorker` (Workers `env`, or `Deno.env`/`process.env` mapped). */
export interface EdgeWorkerEnv {
  HEADROOM_SECRET?: string;
  HEADROOM_ADMIN_TOKEN?: string;
  HEADROOM_SERVER_KEY?: string;
  HEADROOM_ALLOWED_ORIGINS?: string;
  HEADROOM_HANDOFF_WEBHOOK?: string;
  HEADROOM_WEBHOOK_SECRET?: string;
  /** `1` allows secrets shorter than 32 bytes (local development only). */
  HEADROOM_DEV?: string;
}

/** What the caller provides per isolate: at least the storage; anything else overrides env. */
export type EdgeWorkerInit<Env> = (env: Env) => Promise<Partial<EdgeOptions> & Pick<EdgeOptions, 'storage'>>;

/** A module worker: `export default createEdgeWorker(...)`. */
export interface EdgeWorker<Env> {
  fetch(request: Request, env: Env, ctx?: { waitUntil(p: Promise<unknown>): void }): Promise<Response>;
  /** Cron trigger: delivers due handoffs (retries need a tick on runtimes without timers). */
  scheduled(event: unknown, env: Env, ctx?: { waitUntil(p: Promise<unknown>): void }): Promise<void>;
}

/**
 * The edge endpoint for fetch-based runtimes (Cloudflare Workers, Deno, Bun, Vercel Edge):
 * storage is injected, settings come from the environment bindings, and the app is built
 * once per isolate. Handoffs go out through `ctx.waitUntil` and on each `scheduled` tick.
 * @example
 * export default createEdgeWorker(async (env) => ({ storage: createSqlStorage(myD1OrNeonClient(env)) }));
 */
export function createEdgeWorker<Env extends EdgeWorkerEnv>(init: EdgeWorkerInit<Env>): EdgeWorker<Env> {
  let app: Promise<EdgeApp> | undefined;
  const appFor = (env: Env): Promise<EdgeApp> => {
    app ??= (async () => {
      const overrides = await init(env);
      const secret = overrides.secret ?? env.HEADROOM_SECRET;
      if (!secret) throw new Error('HEADROOM_SECRET is required');
      const origins = env.HEADROOM_ALLOWED_ORIGINS?.split(',')
        .map((o) => o.trim())
        .filter(Boolean);
      const created = createEdgeApp({
        adminToken: env.HEADROOM_ADMIN_TOKEN,
        serverKey: env.HEADROOM_SERVER_KEY,
        allowedOrigins: origins?.length ? origins : '*',
        webhook: env.HEADROOM_HANDOFF_WEBHOOK
          ? { url: env.HEADROOM_HANDOFF_WEBHOOK, secret: env.HEADROOM_WEBHOOK_SECRET }
          : undefined,
        clientIp: (request) => request.headers.get('cf-connecting-ip') ?? undefined,
        development: env.HEADROOM_DEV === '1' || env.HEADROOM_DEV === 'true',
        ...overrides,
        secret,
      });
      await created.ready;
      return created;
    })();
    // A failed start is retried on the next request instead of poisoning the isolate.
    app.catch(() => {
      app = undefined;
    });
    return app;
  };
  return {
    async fetch(request, env, ctx) {
      try {
        return await (await appFor(env)).fetch(request, env, ctx);
      } catch (error) {
        console.log(
          JSON.stringify({ level: 'error', msg: 'edge worker failed to start', error: String(error) }),
        );
        return Response.json({ error: { code: 'unavailable', message: 'edge not ready' } }, { status: 503 });
      }
    },
    async scheduled(_event, env, ctx) {
      const run = appFor(env).then((a) =>
        Promise.all([a.outbox.deliverDue(), a.sweepAccounts(), a.pruneEvents(), a.flush()]),
      );
      ctx?.waitUntil(run);
      await run;
    },
  };
}
