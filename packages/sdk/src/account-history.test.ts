import { DAY_MS } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { mergeHistory, readHistory } from './account-history.ts';
import type { Mark } from './create-ledger.ts';

const DAY = 20_780; // 2026-11-23
const at = (day: number, key: string): Mark => [day * DAY_MS + 1, 'g', key];

describe('mergeHistory', () => {
  it('counts no event twice: count − mine + max(mine, local), rows in first-seen order', () => {
    const rows = [
      { day: '2026-11-23', feature: 'sso', count: 5, mine: 2 },
      { day: '2026-11-22', feature: 'audit_log', count: 1, mine: 0 },
      { day: 'garbage', feature: 'x', count: 9 },
      null,
    ];
    const local = [at(DAY, 'sso'), at(DAY, 'sso'), at(DAY, 'sso'), at(DAY - 5, 'comments')];
    const merged = mergeHistory(readHistory({ gateHits: rows }).gateHits, 'feature', 'count', local).map(
      ({ day, feature, count }) => ({
        day,
        feature,
        count,
      }),
    );
    expect(merged).toEqual([
      { day: DAY, feature: 'sso', count: 6 }, // 5 − 2 + max(2, 3)
      { day: DAY - 5, feature: 'comments', count: 1 },
      { day: DAY - 1, feature: 'audit_log', count: 1 },
    ]);
  });

  it('keys features that are Object.prototype names like any other', () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '0', '1'];
    const rows = names.map((feature, i) => ({ day: '2026-11-23', feature, count: i + 1 }));
    const merged = mergeHistory(readHistory({ gateHits: rows }).gateHits, 'feature', 'count', [
      at(DAY, '__proto__'),
    ]);
    // The local __proto__ hit is not in its row's `mine` (0), so it adds one.
    expect(merged.map((r) => [r.feature, r.count])).toEqual(
      names.map((name, i) => [name, i + 1 + (i ? 0 : 1)]),
    );
    expect(Object.getPrototypeOf(merged[0])).toBe(Object.prototype);
  });

  it('sums one count per day when unkeyed, and survives non-array input', () => {
    const rows = [
      { day: '2026-11-23', sent: 2, mine: 1 },
      { day: '2026-11-23T10:00:00Z', sent: 'x', mine: -3 },
    ];
    const merged = mergeHistory(readHistory({ invites: rows }).invites, undefined, 'sent', [
      [DAY * DAY_MS, 'i', 'a'],
    ]);
    expect(merged.map(({ day, feature, count }) => ({ day, feature, count }))).toEqual([
      { day: DAY, feature: '', count: 2 },
    ]);
    expect(mergeHistory(readHistory({ gateHits: { not: 'rows' } }).gateHits, 'feature', 'count', [])).toEqual(
      [],
    );
    expect(readHistory('not a body')).toEqual({ usage: {}, gateHits: [], invites: [], meterHistory: {} });
  });
});
