// A variant removed from the config (#19): the admin API keeps its units with weight 0, the
// same shape @headroom/insights' experimentCounts gives, so CLI and console analyze alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteStorage, type Storage } from '../src/index.ts';
import { admin, NOW, testApp } from './helpers.ts';

describe('GET /v1/admin/experiments with a retired variant', () => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await createPgliteStorage();
  }, 60_000);
  afterAll(() => storage?.close());

  it('lists it after the live variants with weight 0 and its counts', async () => {
    const app = testApp(storage);
    await app.get('/healthz');
    const windows = { usage_copy: { goal: 'upgrade_completed', days: 30, unit: 'account' as const } };
    const exposure = (unitId: string, variantId: string, i: number) => ({
      experimentId: 'usage_copy',
      version: 1,
      unitId,
      accountId: unitId,
      variantId,
      exposedAt: NOW - 86_400_000 + i,
      eventId: `0190aaaa-0000-7000-8000-${String(i).padStart(12, '0')}`,
    });
    await storage.recordExposures(
      [
        exposure('a1', 'control', 1),
        exposure('a2', 'control', 2),
        exposure('a3', 'momentum', 3),
        exposure('a4', 'momentum', 4),
        exposure('a5', 'urgency', 5),
      ],
      windows,
    );
    const res = await app.get('/v1/admin/experiments', admin);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { experiments: { id: string; variants: unknown[] }[] };
    expect(body.experiments.find((e) => e.id === 'usage_copy')!.variants).toEqual([
      { id: 'control', weight: 50, exposures: 2, conversions: 0 },
      { id: 'momentum', weight: 50, exposures: 2, conversions: 0 },
      { id: 'urgency', weight: 0, exposures: 1, conversions: 0 },
    ]);
  });
});
