import { defineConfig, type HeadroomConfig, HeadroomConfigError } from '@headroom/core';
import { HttpError } from './http-error.ts';

/**
 * A draft config from a request body, validated as a publish validates it.
 * @throws HttpError 400 `invalid_config` with every issue at `config.<path>`
 */
export function readDraftConfig(input: unknown): HeadroomConfig {
  try {
    return defineConfig(input);
  } catch (error) {
    if (!(error instanceof HeadroomConfigError)) throw error;
    throw new HttpError(
      400,
      'invalid_config',
      'the configuration is invalid',
      error.issues.map((i) => ({ path: i.path ? `config.${i.path}` : 'config', message: i.message })),
    );
  }
}
