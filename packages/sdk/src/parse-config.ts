import type { HeadroomConfig } from '@headroom/core';

const obj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks the top-level shape of a configuration that was already validated (by the edge when
 * published, or by `defineConfig` in the host), so a truncated or foreign document is
 * refused, without shipping the full zod schema to every browser. Deeper surprises cannot
 * reach the host either: every reader of the config runs behind the SDK's error guard.
 */
export function parseConfig(c: unknown): HeadroomConfig | null {
  return obj(c) &&
    ['meters', 'plans', 'prompts', 'experiments', 'eligibility', 'fatigue'].every((k) => obj(c[k])) &&
    [c.upgradePath, c.triggers].every(Array.isArray)
    ? (c as unknown as HeadroomConfig)
    : null;
}
