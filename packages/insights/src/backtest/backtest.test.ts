import { readFileSync } from 'node:fs';
import { defineConfig } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { generateSample } from '../sample/generate-sample.ts';
import type { StoredEvent } from '../stored-event.ts';
import { backtest } from './backtest.ts';
import type { AccountRecord, BacktestRecord } from './backtest-types.ts';

const config = defineConfig(
  JSON.parse(readFileSync(new URL('../../examples/acme.config.json', import.meta.url), 'utf8')),
);
const at = (iso: string) => Date.parse(iso);
let seq = 0;
const id = () => `0190aaaa-0000-7000-8000-${String(++seq).padStart(12, '0')}`;
const account = (accountId: string, ts: string, extra: Partial<AccountRecord> = {}): AccountRecord => ({
  type: 'account',
  accountId,
  ts: at(ts),
  plan: 'team',
  segment: 'smb',
  seats: 10,
  activatedAt: '2024-01-01',
  health: 90,
  ...extra,
});
const usage = (accountId: string, ts: string, value: number): StoredEvent => ({
  id: id(),
  type: 'usage',
  meter: 'api_calls',
  value,
  accountId,
  ts: at(ts),
  source: 'browser',
});
const upgrade = (accountId: string, ts: string, source: 'browser' | 'server'): StoredEvent => ({
  id: id(),
  type: 'upgrade_completed',
  plan: 'business',
  amount: 4200,
  accountId,
  ts: at(ts),
  source,
});

describe('backtest on a hand-computed history', () => {
  const events: BacktestRecord[] = [
    account('a', '2025-01-01T08:00:00Z'),
    account('b', '2025-01-01T08:00:00Z', { churnRisk: true }),
    account('c', '2025-01-01T08:00:00Z'),
    upgrade('c', '2025-01-04T09:00:00Z', 'browser'), // a browser cannot change the plan
    usage('c', '2025-01-05T10:00:00Z', 85_000), // 85 % of the Team limit: fires, never expands
    usage('a', '2025-01-10T10:00:00Z', 90_000), // fires, expands 10 days later
    usage('b', '2025-01-10T10:00:00Z', 95_000), // would fire, but churn risk makes b ineligible
    usage('d', '2025-01-11T10:00:00Z', 99_000), // no account record: left out
    upgrade('a', '2025-01-20T15:00:00Z', 'server'),
    account('e', '2025-03-01T08:00:00Z'),
    usage('e', '2025-03-30T10:00:00Z', 85_000), // fires late in Q1…
    { id: id(), type: 'custom', name: 'doc_edited', accountId: 'e', ts: at('2025-04-02T10:00:00Z') }, // …reset in April
    usage('c', '2025-05-01T10:00:00Z', 1_000), // Q2: eligible, quiet; data ends > 90 days after c fired
  ];
  const expansions = [{ accountId: 'a', ts: at('2025-01-20T15:00:00Z') }];

  it('counts fire rate per quarter among eligible accounts only', async () => {
    const report = await backtest(config, events, expansions);
    const usageCeiling = report.triggers.find((t) => t.id === 'usage_ceiling')!;
    // Wilson 95 % at the extremes has a closed form (z = 1.959964, z² = 3.841459):
    // 3/3 → lower = 3 / (3 + z²) = 0.438503; 0/2 → upper = z² / (2 + z²) = 0.657620.
    expect(usageCeiling.quarters).toEqual([
      {
        quarter: '2025-Q1',
        eligibleAccounts: 3,
        firedAccounts: 3,
        fireRate: 1,
        lower: expect.closeTo(0.438503, 6),
        upper: 1,
      },
      // e's March API calls no longer count in April: monthly meters start again from zero.
      {
        quarter: '2025-Q2',
        eligibleAccounts: 2,
        firedAccounts: 0,
        fireRate: 0,
        lower: 0,
        upper: expect.closeTo(0.65762, 6),
      },
    ]);
    expect(usageCeiling.fireRate).toBeCloseTo(3 / 5, 12);
    expect(report).toMatchObject({
      events: 9,
      accountRecords: 4,
      accounts: 5,
      accountsWithoutClaims: 1,
      expansions: 1,
    });
  });

  it('reports the expansions it preceded with lead time, and false positives', async () => {
    const report = await backtest(config, events, expansions);
    const usageCeiling = report.triggers.find((t) => t.id === 'usage_ceiling')!;
    expect(usageCeiling.preceded).toBe(1);
    expect(usageCeiling.precededShare).toBe(1);
    expect(usageCeiling.medianLeadDays).toBeCloseTo(10 + 5 / 24, 9); // Jan 10 10:00 → Jan 20 15:00
    // e's fire on Mar 30 is less than 90 days before the data ends (May 1): not judged.
    expect(usageCeiling).toMatchObject({ fires: 2, falsePositives: 1, falsePositiveRate: 0.5, censored: 1 });
    expect(usageCeiling.calibration.verdict).toBe('insufficient_data'); // one expansion proves nothing
    const seats = report.triggers.find((t) => t.id === 'seat_saturation')!;
    expect(seats).toMatchObject({ fires: 0, preceded: 0, falsePositiveRate: null, medianLeadDays: null });
  });

  it('leaves fires whose outcome window runs past the data unjudged', async () => {
    const report = await backtest(config, events.slice(0, -1), expansions);
    const usageCeiling = report.triggers.find((t) => t.id === 'usage_ceiling')!;
    expect(usageCeiling).toMatchObject({ fires: 1, falsePositives: 0, censored: 2 });
  });

  it('accepts an async stream', async () => {
    async function* stream() {
      yield* events;
    }
    const report = await backtest(config, stream(), expansions, { lookbackDays: 5 });
    // With a 5-day lookback the fire 10 days before the expansion no longer counts.
    expect(report.triggers.find((t) => t.id === 'usage_ceiling')!.preceded).toBe(0);
  });
});

describe('backtest on a generated dataset with planted relationships', () => {
  const sample = generateSample({ accounts: 400, seed: 7 }, config);

  it('recovers the planted answers', async () => {
    let records = 0;
    for (const r of sample.records()) if (r.type !== 'account') records++;
    const report = await backtest(config, sample.records(), sample.expansions);
    expect(report.events).toBe(records);
    expect(report.accounts).toBe(400);
    expect(report.expansions).toBe(sample.expansions.length);
    const byId = Object.fromEntries(report.triggers.map((t) => [t.id, t]));

    // Growers run hot, then usually expand 5–40 days later: worth automating, in band.
    const usage = byId.usage_ceiling!;
    expect(usage.calibration.verdict).toBe('automate');
    expect(usage.precededShare).toBeGreaterThanOrEqual(0.4);
    expect(usage.falsePositiveRate!).toBeLessThan(0.5);
    expect(usage.medianLeadDays!).toBeGreaterThanOrEqual(5);
    expect(usage.medianLeadDays!).toBeLessThanOrEqual(40);

    // Crowded accounts sit at their seat limit and rarely expand: noise.
    for (const id of ['seat_saturation', 'seat_pressure']) {
      expect(byId[id]!.calibration.verdict).toBe('do_not_automate');
      expect(byId[id]!.falsePositiveRate!).toBeGreaterThan(0.9);
      expect(byId[id]!.precededShare).toBeLessThan(0.05);
    }

    // Explorers and collaborators are precise but too few to precede most expansions.
    for (const id of ['feature_exploration', 'collaboration_surge']) {
      expect(byId[id]!.falsePositiveRate!).toBeLessThan(0.5);
      expect(byId[id]!.precededShare).toBeGreaterThan(0.03);
      expect(byId[id]!.precededShare).toBeLessThan(0.4);
      expect(byId[id]!.calibration.message).toMatch(/preceded fewer than 40\.0% of expansions/);
    }
  });

  it('is deterministic for a seed', () => {
    const again = generateSample({ accounts: 400, seed: 7 }, config);
    expect(again.expansions).toEqual(sample.expansions);
    expect(generateSample({ accounts: 400, seed: 8 }, config).expansions).not.toEqual(sample.expansions);
  });
});
