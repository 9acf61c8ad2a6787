import { readFileSync } from 'node:fs';
import { defineConfig } from '@headroom/core';
import { createEdgeApp, createPgliteStorage } from '@headroom/edge';
import { type AdminExpansion, analyzeExperiment, expansionMetrics, holdoutLift } from '@headroom/insights';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedHistory } from '../server/seed-history.ts';

const config = defineConfig(
  JSON.parse(readFileSync(new URL('../headroom.config.json', import.meta.url), 'utf8')),
);
const secret = 'seed-test-secret-0123456789-abcdefghij';
const serverKey = 'seed-test-server-key-0123456789-abcdef';
const adminToken = 'seed-test-admin-token-0123456789-abcde';
const storage = await createPgliteStorage();
const admin = createEdgeApp({
  storage,
  secret,
  serverKey,
  adminToken,
  config,
  rateLimit: false,
  log: () => {},
});
const read = async <T>(path: string): Promise<T> => {
  const response = await admin.fetch(
    new Request(`http://edge.local${path}`, { headers: { authorization: `Bearer ${adminToken}` } }),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as T;
};

type Arm = { accounts: number; expanded: number; amount: number; amountSquares: number; pending: number };

// The history `npm run demo` seeds on a fresh data dir (same config, count and seed), read
// back the way the console reads it: through the admin API and @headroom/insights.
describe("the demo's seeded history", () => {
  let seeded: Awaited<ReturnType<typeof seedHistory>>;
  beforeAll(async () => {
    seeded = await seedHistory({ storage, config, secret, serverKey, log: () => {} });
    await admin.ready;
  }, 600_000);
  afterAll(() => storage.close());

  it('shows a trigger holdout with a judged lift: shown accounts expand more than held-out ones', async () => {
    const { triggers } = await read<{ triggers: { triggerId: string; exposed: Arm; heldOut: Arm }[] }>(
      '/v1/admin/holdouts',
    );
    const surge = triggers.find((t) => t.triggerId === 'collaboration_surge');
    expect(surge).toBeDefined();
    if (!surge) return;
    // Every fire is older than the 60-day outcome window, and both arms are big enough to judge.
    expect(surge.exposed.pending + surge.heldOut.pending).toBe(0);
    expect(surge.heldOut.accounts).toBeGreaterThanOrEqual(20);
    expect(surge.heldOut.accounts + surge.exposed.accounts).toBe(
      (seeded.fires.collaboration_surge?.heldOut ?? 0) + (seeded.fires.collaboration_surge?.exposed ?? 0),
    );
    const lift = holdoutLift(surge.exposed, surge.heldOut);
    expect(lift.verdict).toBe('lift');
    expect(lift.incrementalRateInterval.lower).toBeGreaterThan(0);
  });

  it('shows the copy experiment with a sequential verdict that names the better copy', async () => {
    const { experiments } = await read<{
      experiments: {
        id: string;
        variants: { id: string; weight: number; exposures: number; conversions: number }[];
      }[];
    }>('/v1/admin/experiments');
    const copy = experiments.find((e) => e.id === 'usage_copy');
    expect(copy).toBeDefined();
    if (!copy) return;
    const analysis = analyzeExperiment({ id: copy.id, variants: copy.variants });
    expect(analysis.method).toBe('sequential');
    expect(analysis.verdict, JSON.stringify(copy.variants)).toMatchObject({
      kind: 'winner',
      winner: 'momentum',
    });
  });

  it('shows the expansion formula with its binding term, from the upgrades the backend reported', async () => {
    const report = await read<AdminExpansion>('/v1/admin/expansion?days=365');
    const metrics = expansionMetrics(report);
    expect(metrics.formula.binding).not.toBeNull();
    expect(metrics.formula.expansionMrr).toBeGreaterThan(0);
  });

  it('reports the upgrades the backend made, as server events', async () => {
    expect(seeded.upgrades).toBeGreaterThan(0);
    const { accounts } = await read<{ accounts: unknown[] }>('/v1/admin/pqls');
    expect(accounts.length).toBeGreaterThan(0);
  });
});
