import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWindow } from './create-window.ts';
import { DAY_MS } from './day.ts';

const T0 = Date.UTC(2026, 10, 1);
const day = (n: number, hour = 12) => T0 + n * DAY_MS + hour * 3_600_000;

describe('createWindow', () => {
  it('sums the last `days` UTC days, today included', () => {
    const w = createWindow({ days: 14, bucket: 'day' });
    w.add(day(0), 5);
    w.add(day(13), 2);
    expect(w.sum(day(13))).toBe(7);
    expect(w.sum(day(14, 0))).toBe(2); // day 0 left the window at midnight
    expect(w.sum(day(27))).toBe(0);
  });

  it('counts distinct keys within the window', () => {
    const w = createWindow({ days: 14 });
    w.add(day(0), 1, 'sso');
    w.add(day(3), 4, 'sso');
    w.add(day(5), 1, 'audit_log');
    expect(w.distinct(day(5))).toBe(2);
    expect(w.distinct(day(16))).toBe(2); // days 3–16
    expect(w.distinct(day(17))).toBe(1); // days 4–17: only audit_log
    const epoch = (n: number) => Math.floor(day(n) / DAY_MS);
    expect(w.entries(day(5))).toEqual([
      [epoch(0), 'sso', 1],
      [epoch(3), 'sso', 4],
      [epoch(5), 'audit_log', 1],
    ]);
  });

  it('ignores events older than the window and garbage numbers', () => {
    const w = createWindow({ days: 7 });
    w.add(day(10), 1);
    w.add(day(3), 100); // same ring slot as day 10, older than the window
    w.add(day(9), Number.NaN);
    w.add(Number.POSITIVE_INFINITY, 1);
    expect(w.sum(day(10))).toBe(1);
  });

  it('keeps memory bounded by the number of days', () => {
    const w = createWindow({ days: 30 });
    for (let d = 0; d < 1000; d++) w.add(day(d), 1, `k${d % 3}`);
    expect(w.toJSON().buckets).toHaveLength(30);
    expect(w.sum(day(999))).toBe(30);
  });

  it('clamps nonsense lengths to 1–366 days', () => {
    expect(createWindow({ days: 0 }).days).toBe(1);
    expect(createWindow({ days: 10_000 }).days).toBe(366);
    expect(createWindow({ days: 2.7 }).days).toBe(2);
  });
});

// A naive model: keep every add, recount from scratch.
type Add = { day: number; hour: number; n: number; key: string | undefined };
const addArb = fc.record({
  day: fc.integer({ min: 0, max: 60 }),
  hour: fc.integer({ min: 0, max: 23 }),
  n: fc.integer({ min: 1, max: 50 }),
  key: fc.option(fc.constantFrom('sso', 'audit_log', 'automations', 'api'), { nil: undefined }),
});

function naive(adds: Add[], days: number, nowDay: number) {
  const live = adds.filter((a) => a.day <= nowDay && a.day > nowDay - days);
  return {
    sum: live.reduce((total, a) => total + a.n, 0),
    distinct: new Set(live.flatMap((a) => (a.key === undefined ? [] : [a.key]))).size,
  };
}

describe('createWindow properties', () => {
  it('equals a naive recount for random adds over random days and any later now', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(addArb, { maxLength: 80 }),
        fc.integer({ min: 0, max: 80 }),
        (days, adds, ahead) => {
          // Time moves forward: adds arrive in order, `now` is at or after the last add.
          const ordered = [...adds].sort((a, b) => a.day - b.day);
          const w = createWindow({ days });
          for (const a of ordered) w.add(day(a.day, a.hour), a.n, a.key);
          const nowDay = (ordered.at(-1)?.day ?? 0) + ahead;
          const expected = naive(ordered, days, nowDay);
          expect(w.sum(day(nowDay, 23))).toBe(expected.sum);
          expect(w.distinct(day(nowDay, 0))).toBe(expected.distinct);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('equals a naive recount when late events arrive out of order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(addArb, { maxLength: 80 }), (days, adds) => {
        const w = createWindow({ days });
        for (const a of adds) w.add(day(a.day, a.hour), a.n, a.key);
        const nowDay = Math.max(0, ...adds.map((a) => a.day));
        // Whatever arrives after a newer day took its slot is older than the window for that day.
        expect(w.sum(day(nowDay))).toBe(naive(adds, days, nowDay).sum);
        expect(w.distinct(day(nowDay))).toBe(naive(adds, days, nowDay).distinct);
      }),
      { numRuns: 300 },
    );
  });

  it('survives a toJSON → JSON → restore round trip unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(addArb, { maxLength: 80 }), (days, adds) => {
        const w = createWindow({ days });
        for (const a of adds) w.add(day(a.day, a.hour), a.n, a.key);
        const restored = createWindow({ days, state: JSON.parse(JSON.stringify(w.toJSON())) });
        const nowDay = Math.max(0, ...adds.map((a) => a.day));
        expect(restored.sum(day(nowDay))).toBe(w.sum(day(nowDay)));
        expect(restored.distinct(day(nowDay))).toBe(w.distinct(day(nowDay)));
        expect(restored.entries(day(nowDay))).toEqual(w.entries(day(nowDay)));
        expect(restored.toJSON()).toEqual(w.toJSON());
      }),
      { numRuns: 300 },
    );
  });
});
