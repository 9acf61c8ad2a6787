import { type HeadroomConfig, lintConfig } from '@headroom/core';

/**
 * One line per `lintConfig` warning: valid configs that are probably wrong are worth a look,
 * but never stop a command.
 */
export function configWarnings(config: HeadroomConfig): string {
  return lintConfig(config)
    .map((warning) => `headroom: warning: ${warning.path}: ${warning.message}\n`)
    .join('');
}
