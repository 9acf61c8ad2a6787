import { readFile } from 'node:fs/promises';
import { defineConfig, type HeadroomConfig } from '@headroom/core';

/** Reads and validates a config file; a `HeadroomConfigError` lists every bad path. */
export async function loadConfig(path: string): Promise<HeadroomConfig> {
  return defineConfig(JSON.parse(await readFile(path, 'utf8')));
}
