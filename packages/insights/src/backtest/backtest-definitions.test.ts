// The backtest's definitions on a seeded history whose answers are worked out by hand: fire
// episodes at the quiet-days boundary, eligibility at fire time, expansions split into preceded /
// not preceded / never eligible, and a 95 % Wilson interval on every rate.
//
// Wilson intervals below are computed by hand with z = 1.959964 (z² = 3.841459):
//   lower, upper = (p + z²/2n ∓ z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)
//   4/7 → [0.250458, 0.841780]   3/4 → [0.300642, 0.954413]   1/4 → [0.045587, 0.699358]
//   3/5 → [0.230724, 0.882379]   1/1 → [1/(1+z²) = 0.206549, 1]   0/1 → [0, z²/(1+z²) = 0.793451]
import { readFileSync } from 'node:fs';
import { defineConfig } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../stored-event.ts';
import { backtest } from './backtest.ts';
import type { AccountRecord, BacktestRecord, Expansion } from './backtest-types.ts';

const config = defineConfig(
  JSON.parse(readFileSync(new URL('../../examples/acme.config.json', import.meta.url), 'utf8')),
);
const at = (iso: string) => Date.parse(iso);
let seq = 0;
const id = () => `0190cccc-0000-7000-8000-${String(++seq).padStart(12, '0')}`;
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
// Documents never reset: the Team limit is 1,000, so 800 or more fires `usage_ceiling`.
const docs = (accountId: string, day: string, value: number): StoredEvent => ({
  id: id(),
  type: 'usage',
  meter: 'docs',
  value,
  accountId,
  ts: at(`${day}T10:00:00Z`),
  source: 'browser',
});
const expansion = (accountId: string, day: string): Expansion => ({ accountId, ts: at(`${day}T10:00:00Z`) });

// One record stream per account, merged by time (the backtest wants time order per account).
const records: BacktestRecord[] = [
  // q: fires Feb 1–2, Mar 4, Apr 4. Feb 3 … Mar 3 is 29 quiet days, Mar 5 … Apr 3 is 30.
  account('q', '2025-01-01T00:00:00Z'),
  docs('q', '2025-02-01', 900),
  docs('q', '2025-02-02', 950),
  docs('q', '2025-02-03', 100),
  docs('q', '2025-03-04', 900),
  docs('q', '2025-03-05', 100),
  docs('q', '2025-04-04', 900),
  // r: fires Feb 1, expands Feb 10, fires again Feb 20 (18 quiet days).
  account('r', '2025-01-01T00:00:00Z'),
  docs('r', '2025-02-01', 900),
  docs('r', '2025-02-20', 900),
  // p: fires Feb 1 while ineligible (health 50), again when healthy from Feb 16; expands May 10.
  account('p', '2025-01-01T00:00:00Z', { health: 50 }),
  docs('p', '2025-02-01', 900),
  account('p', '2025-02-16T10:00:00Z'),
  // n: churn risk all along: its fire is no fire; expands Mar 1.
  account('n', '2025-01-01T00:00:00Z', { churnRisk: true }),
  docs('n', '2025-02-01', 900),
  // h: eligible Jan 2, unhealthy from Feb 1 (seen May 1); expands Jun 1.
  account('h', '2025-01-01T00:00:00Z'),
  docs('h', '2025-01-02', 10),
  account('h', '2025-02-01T00:00:00Z', { health: 50 }),
  docs('h', '2025-05-01', 10),
  // m: eligible Mar 1, never fires; expands Apr 1.
  account('m', '2025-01-01T00:00:00Z'),
  docs('m', '2025-03-01', 10),
  // z: quiet, keeps the data going to Dec 31 so every episode above is judged.
  account('z', '2025-12-01T00:00:00Z'),
  docs('z', '2025-12-31', 10),
].sort((a, b) => a.ts - b.ts);
const expansions = [
  expansion('q', '2025-06-15'),
  expansion('r', '2025-02-10'),
  expansion('p', '2025-05-10'),
  expansion('n', '2025-03-01'),
  expansion('h', '2025-06-01'),
  expansion('m', '2025-04-01'),
];
const usageCeiling = async (quietDays?: number) => {
  const report = await backtest(config, records, expansions, quietDays === undefined ? {} : { quietDays });
  return { report, trigger: report.triggers.find((t) => t.id === 'usage_ceiling')! };
};

describe('fire episodes', () => {
  it('starts an episode only after 30 quiet days by default', async () => {
    const { report, trigger } = await usageCeiling();
    expect(report.settings.quietDays).toBe(30);
    // q: Feb 1 (Feb 2 and Mar 4 join it: 29 quiet days) and Apr 4 (30 quiet days); r: Feb 1
    // (Feb 20 joins it); p: Feb 16. False positive: q's Feb 1 episode, whose 90 days end May 2
    // before its Jun 15 expansion. Apr 4 → Jun 15 is 72 days; r and p expand within 90 days.
    expect(trigger).toMatchObject({ fires: 4, falsePositives: 1, falsePositiveRate: 0.25, censored: 0 });
    expect(trigger.intervals.falsePositiveRate!.lower).toBeCloseTo(0.045587, 6);
    expect(trigger.intervals.falsePositiveRate!.upper).toBeCloseTo(0.699358, 6);
  });

  it('splits at exactly quietDays quiet days', async () => {
    // At 29, q's Mar 4 fire (after 29 quiet days) starts an episode too: Mar 4 + 90 = Jun 2,
    // before Jun 15, so it is a second false positive.
    expect((await usageCeiling(29)).trigger).toMatchObject({ fires: 5, falsePositives: 2 });
    // At 0 every firing day is an episode: q's Feb 2 and r's Feb 20 (after its expansion) are
    // false positives as well.
    expect((await usageCeiling(0)).trigger).toMatchObject({ fires: 7, falsePositives: 4 });
  });

  it('counts a fire only while the account is eligible', async () => {
    const { trigger } = await usageCeiling();
    // p's Feb 1 fire (ineligible) starts nothing: its episode starts Feb 16, 83 days before its
    // May 10 expansion, so it is converted (from Feb 1 it would be 98 days: a false positive).
    // n never fires while eligible. Fired account-quarters: Q1 q, r, p of q, r, p, h, m eligible;
    // Q2 q of q (h is unhealthy on May 1); Q4 none of z.
    expect(trigger.quarters).toEqual([
      {
        quarter: '2025-Q1',
        eligibleAccounts: 5,
        firedAccounts: 3,
        fireRate: 0.6,
        lower: expect.closeTo(0.230724, 6),
        upper: expect.closeTo(0.882379, 6),
      },
      {
        quarter: '2025-Q2',
        eligibleAccounts: 1,
        firedAccounts: 1,
        fireRate: 1,
        lower: expect.closeTo(0.206549, 6),
        upper: 1,
      },
      {
        quarter: '2025-Q4',
        eligibleAccounts: 1,
        firedAccounts: 0,
        fireRate: 0,
        lower: 0,
        upper: expect.closeTo(0.793451, 6),
      },
    ]);
    expect(trigger.fireRate).toBeCloseTo(4 / 7, 12);
    expect(trigger.intervals.fireRate.lower).toBeCloseTo(0.250458, 6);
    expect(trigger.intervals.fireRate.upper).toBeCloseTo(0.84178, 6);
  });
});

describe('expansions', () => {
  it('reports never-eligible expansions separately and leaves them out of the preceded share', async () => {
    const { report, trigger } = await usageCeiling();
    // n was never eligible; h was eligible only on Jan 2, more than 90 days before Jun 1.
    expect(report).toMatchObject({ expansions: 6, neverEligibleExpansions: 2 });
    // Preceded: q (Apr 4, 72 days), r (Feb 1, 9 days), p (Feb 16, 83 days); m was eligible, no fire.
    expect(trigger).toMatchObject({ preceded: 3, notPreceded: 1, precededShare: 0.75, medianLeadDays: 72 });
    expect(trigger.intervals.precededShare.lower).toBeCloseTo(0.300642, 6);
    expect(trigger.intervals.precededShare.upper).toBeCloseTo(0.954413, 6);
    // Four expansions the trigger could have preceded are too few to judge.
    expect(trigger.calibration.verdict).toBe('insufficient_data');
    expect(trigger.calibration.message).toContain('4 expansions from eligible accounts');
  });

  it('counts an expansion of an account with no events or claims as never eligible', async () => {
    const { report, trigger } = await backtest(config, records, [
      ...expansions,
      expansion('unknown', '2025-07-01'),
    ]).then((r) => ({ report: r, trigger: r.triggers.find((t) => t.id === 'usage_ceiling')! }));
    expect(report).toMatchObject({ expansions: 7, neverEligibleExpansions: 3 });
    expect(trigger.precededShare).toBe(0.75);
  });
});
