// The canonical configuration, validated once, shared by core's tests and benchmarks.

import acme from '../examples/acme.config.json' with { type: 'json' };
import { DAY_MS, defineConfig, type HeadroomConfig, isoDay } from '../src/index.ts';

export const acmeInput: unknown = acme;
export const acmeConfig: HeadroomConfig = defineConfig(acme);

/** A fixed "now" so day arithmetic in tests is readable: 2026-11-23 12:00 UTC. */
export const NOW = Date.UTC(2026, 10, 23, 12);

/** `YYYY-MM-DD` of the UTC day `n` days before NOW. */
export const daysAgo = (n: number): string => isoDay(Math.floor((NOW - n * DAY_MS) / DAY_MS));

/** A deep copy of the canonical input, to break on purpose. */
export const acmeCopy = (): Record<string, unknown> =>
  JSON.parse(JSON.stringify(acme)) as Record<string, unknown>;
