import { configSchema, type HeadroomConfig } from './config.ts';
import { HeadroomConfigError } from './headroom-config-error.ts';

/**
 * Validates a configuration and fills its defaults.
 * @throws HeadroomConfigError listing every invalid path at once.
 * @example
 * const config = defineConfig(JSON.parse(await readFile('acme.config.json', 'utf8')));
 */
export function defineConfig(input: unknown): HeadroomConfig {
  const result = configSchema.safeParse(input);
  if (!result.success) throw HeadroomConfigError.fromZod(result.error);
  return result.data;
}
