import { describe, expect, it } from 'vitest';
import type { AccountRecord, BacktestRecord } from './backtest-types.ts';
import { mergeByTime } from './merge-by-time.ts';

const account = (accountId: string, ts: number, plan: string): AccountRecord => ({
  type: 'account',
  accountId,
  ts,
  plan,
  segment: 'smb',
});
const event = (accountId: string, ts: number): BacktestRecord => ({
  id: `0190aaaa-0000-7000-8000-${String(ts).padStart(12, '0')}`,
  type: 'custom',
  name: 'x',
  accountId,
  ts,
});

describe('mergeByTime', () => {
  it('puts each account record before the first event at or after its time', async () => {
    const merged: string[] = [];
    const records = mergeByTime(
      [event('a', 10), event('a', 20), event('b', 30)],
      [account('a', 25, 'business'), account('b', 40, 'team'), account('a', 0, 'team')],
    );
    for await (const r of records)
      merged.push(r.type === 'account' ? `${r.accountId}:${r.plan}@${r.ts}` : `e@${r.ts}`);
    expect(merged).toEqual(['a:team@0', 'e@10', 'e@20', 'a:business@25', 'e@30', 'b:team@40']);
  });
});
