import { defineConfig, evaluateTriggers } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import acme from '../../core/examples/acme.config.json' with { type: 'json' };
import { type FactsCase, historyOf } from '../../core/test/account-facts.ts';
import vectors from '../../core/test/vectors/account-facts.json' with { type: 'json' };
import { readHistory } from './account-history.ts';
import { buildSnapshot } from './build-snapshot.ts';

const config = defineConfig(acme);
// A browser that has never seen this account: nothing in its own ledger.
const emptyLedger = { list: () => [] };

describe('account facts vectors in the SDK', () => {
  it.each((vectors.cases as FactsCase[]).map((c) => [c.name, c] as const))(
    '%s, from GET /v1/account alone',
    (_, c) => {
      const now = Date.parse(c.now);
      const history = historyOf(c);
      const claims = {
        sub: 'acct',
        uid: 'new_user',
        acv: 1440,
        segment: 'smb' as const,
        seats: 10,
        ...c.claims,
      };
      const snapshot = buildSnapshot(claims, history.usage, emptyLedger, readHistory(history), now);
      const fired = evaluateTriggers(snapshot, config, now)
        .filter((r) => r.fired)
        .map((r) => r.id)
        .sort();
      expect(fired).toEqual(c.expected.fired);
    },
  );

  it('ignores malformed account-wide peaks instead of throwing', () => {
    const history = {
      meterHistory: {
        seats: [{ used: 9 }, null, 'x', { day: '2026-11-20', used: 'nine' }],
        docs: 'not rows',
      },
    };
    const snapshot = buildSnapshot(
      { sub: 'a', uid: 'u', plan: 'team', acv: 0, segment: 'smb', seats: 10 },
      {},
      emptyLedger,
      readHistory(JSON.parse(JSON.stringify(history))),
      Date.parse('2026-11-23T12:00:00Z'),
    );
    // Rows that are not objects with a date are dropped when the body is read; a value that is
    // not a number is left to the engine, which skips it.
    expect(snapshot.meterHistory?.seats).toHaveLength(1);
    const results = evaluateTriggers(snapshot, config, Date.parse('2026-11-23T12:00:00Z'));
    expect(results.find((r) => r.id === 'seat_pressure')?.fired).toBe(false);
  });
});
