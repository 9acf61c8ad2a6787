import { configSchema, type HeadroomConfig } from './config.ts';
import { type ConfigIssue, configIssues } from './headroom-config-error.ts';

/** The outcome of validating a configuration: the parsed config, or every issue found. */
export type ConfigValidation =
  | { valid: true; config: HeadroomConfig; issues: readonly [] }
  | { valid: false; config: null; issues: readonly ConfigIssue[] };

/**
 * Validates a configuration like `defineConfig` but returns the issues instead of throwing,
 * for editors that show them as the user types.
 * @example
 * const { valid, issues } = validateConfig(JSON.parse(text));
 */
export function validateConfig(input: unknown): ConfigValidation {
  // reportInput lets the messages tell "required" (missing) from "expected x" (wrong type).
  const result = configSchema.safeParse(input, { reportInput: true });
  return result.success
    ? { valid: true, config: result.data, issues: [] }
    : { valid: false, config: null, issues: configIssues(result.error) };
}
