// The edge-only kinds replayed on seeded history with known answers: tracked events counted per
// user, a docs trend projected to its limit, and traits (a renewal date, headcount growth) from
// account records, each firing on exactly the accounts worked out by hand.
import { readFileSync } from 'node:fs';
import { defineConfig } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../stored-event.ts';
import { backtest } from './backtest.ts';
import type { AccountRecord, BacktestRecord } from './backtest-types.ts';

const acme = JSON.parse(
  readFileSync(new URL('../../../core/examples/acme.config.json', import.meta.url), 'utf8'),
);
const config = defineConfig({
  ...acme,
  triggers: [
    {
      id: 'workflow_depth',
      kind: 'event_count',
      event: 'workflow_run',
      atLeast: 3,
      withinDays: 7,
      per: 'user',
    },
    { id: 'docs_forecast', kind: 'meter_forecast', meters: ['docs'] },
    {
      id: 'renewal_window',
      kind: 'trait',
      all: [
        { trait: 'renewalDate', withinDays: 60 },
        { trait: 'health', atLeast: 80 },
      ],
    },
    { id: 'headcount_growth', kind: 'trait', all: [{ trait: 'employees', grewBy: 0.2 }] },
  ],
});
const DAY = 86_400_000;
const at = (iso: string) => Date.parse(iso);
let seq = 0;
const id = () => `0190bbbb-0000-7000-8000-${String(++seq).padStart(12, '0')}`;
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
const run = (accountId: string, userId: string, ts: number): StoredEvent => ({
  id: id(),
  type: 'custom',
  name: 'workflow_run',
  accountId,
  userId,
  ts,
  source: 'browser',
});
const docs = (accountId: string, ts: number, value: number): StoredEvent => ({
  id: id(),
  type: 'usage',
  meter: 'docs',
  value,
  accountId,
  ts,
  source: 'browser',
});

describe('backtest of the edge-only kinds', () => {
  const start = at('2025-02-01T10:00:00Z');
  const records: BacktestRecord[] = [
    // deep: one user runs a workflow 3 times in a week → fires; split: 2 users, 2 runs each → never.
    account('deep', '2025-01-01T08:00:00Z'),
    account('split', '2025-01-01T08:00:00Z'),
    // growing: docs +30 a day from 400 → reaches 1,000 within 14 days after ~day 6; flat stays at 400.
    account('growing', '2025-01-01T08:00:00Z'),
    account('flat', '2025-01-01T08:00:00Z'),
    // renewing: renewal on 2025-03-15, in the window from 2025-01-14; late: renewal in 2026.
    account('renewing', '2025-01-01T08:00:00Z', { renewalDate: '2025-03-15', employees: 100 }),
    account('late', '2025-01-01T08:00:00Z', { renewalDate: '2026-06-01', employees: 100 }),
  ];
  for (let d = 0; d < 20; d++) {
    const ts = start + d * DAY;
    records.push(docs('growing', ts, 400 + 30 * d), docs('flat', ts, 400));
  }
  records.push(
    run('deep', 'u1', start + 1 * DAY),
    run('deep', 'u1', start + 2 * DAY),
    run('deep', 'u1', start + 3 * DAY),
    run('split', 'u1', start + 1 * DAY),
    run('split', 'u2', start + 2 * DAY),
    run('split', 'u1', start + 3 * DAY),
    run('split', 'u2', start + 4 * DAY),
    // Activity on 2025-02-01, when the renewal is 42 days away (a backtest evaluates active days).
    run('renewing', 'u1', start),
    run('late', 'u1', start),
    // 100 days later headcount: renewing grew to 125 (+25 %), late to 110 (+10 %).
    account('renewing', '2025-04-11T08:00:00Z', { renewalDate: '2025-03-15', employees: 125 }),
    account('late', '2025-04-11T08:00:00Z', { renewalDate: '2026-06-01', employees: 110 }),
    docs('flat', at('2025-04-12T10:00:00Z'), 400),
  );
  records.sort((a, b) => a.ts - b.ts);

  it('fires each kind on the accounts worked out by hand', async () => {
    const report = await backtest(config, records, []);
    const fired = (triggerId: string) =>
      report.triggers.find((t) => t.id === triggerId)!.quarters.reduce((n, q) => n + q.firedAccounts, 0);
    expect(fired('workflow_depth')).toBe(1); // deep
    expect(fired('docs_forecast')).toBe(1); // growing
    expect(fired('renewal_window')).toBe(1); // renewing, in Q1
    expect(fired('headcount_growth')).toBe(1); // renewing, in Q2
  });
});
