import type { HeadroomConfig } from '@headroom/core';

const obj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const every = (v: unknown, ok: (item: Record<string, unknown>) => boolean) =>
  (Array.isArray(v) ? v : obj(v) ? Object.values(v) : [null]).every((item) => obj(item) && ok(item));
const nums = (v: unknown, keys: string[]) => obj(v) && keys.every((k) => typeof v[k] === 'number');

/**
 * Checks the shape the SDK reads from a configuration that was already validated (by the
 * edge when published, or by `defineConfig` in the host): enough to never crash on a
 * truncated or foreign document, without shipping the full zod schema to every browser.
 */
export function parseConfig(input: unknown): HeadroomConfig | null {
  if (!obj(input)) return null;
  const c = input;
  const ok =
    every(c.meters, () => true) &&
    every(c.plans, (p) => obj(p.limits) && Array.isArray(p.features)) &&
    Array.isArray(c.upgradePath) &&
    every(c.triggers, (t) => typeof t.id === 'string' && typeof t.kind === 'string') &&
    every(c.prompts, (p) => typeof p.surface === 'string' && typeof p.priority === 'number') &&
    every(c.experiments, (e) => Array.isArray(e.variants)) &&
    obj(c.eligibility) &&
    obj(c.eligibility.minDaysSinceActivation) &&
    nums(c.fatigue, [
      'maxModalsPerDay',
      'maxPromptsPerWeek',
      'snoozeDays',
      'retireAfterDismissals',
      'retireDays',
    ]);
  return ok ? (c as unknown as HeadroomConfig) : null;
}
