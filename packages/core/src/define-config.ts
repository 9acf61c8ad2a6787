import { configSchema, type HeadroomConfig } from './config.ts';
import { HeadroomConfigError } from './headroom-config-error.ts';

/**
 * Validates a configuration and fills its defaults.
 * @throws HeadroomConfigError listing every invalid path at once.
 * @example
 * const config = defineConfig(JSON.parse(await readFile('acme.config.json', 'utf8')));
 */
export function defineConfig(input: unknown): HeadroomConfig {
  // reportInput lets the messages tell "required" (missing) from "expected x" (wrong type).
  const result = configSchema.safeParse(input, { reportInput: true });
  if (!result.success) throw HeadroomConfigError.fromZod(result.error);
  return result.data;
}
