import type { HeadroomConfig } from './config.ts';
import { HeadroomConfigError } from './headroom-config-error.ts';
import { validateConfig } from './validate-config.ts';

/**
 * Validates a configuration and fills its defaults. Unknown keys are errors, each named with
 * its path and the key it was probably meant to be.
 * @throws HeadroomConfigError listing every invalid path at once.
 * @example
 * const config = defineConfig(JSON.parse(await readFile('acme.config.json', 'utf8')));
 */
export function defineConfig(input: unknown): HeadroomConfig {
  const result = validateConfig(input);
  if (!result.valid) throw new HeadroomConfigError(result.issues);
  return result.config;
}
