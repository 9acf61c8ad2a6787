import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, dayOfIso, epochDay, isoDay } from './day.ts';

describe('days', () => {
  it('maps YYYY-MM-DD to epoch days and back', () => {
    expect(dayOfIso('1970-01-01')).toBe(0);
    expect(dayOfIso('2026-11-23')).toBe(20_780);
    expect(dayOfIso('2024-02-29')).toBe(epochDay(Date.UTC(2024, 1, 29)));
    expect(isoDay(20_780)).toBe('2026-11-23');
  });

  it('agrees with Date for every day from 1900 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 84_000 }), (day) => {
        expect(dayOfIso(isoDay(day))).toBe(day);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects impossible and malformed days', () => {
    for (const bad of ['2026-02-29', '2026-13-01', '2026-04-31', '2026-00-10', 'yesterday', ''])
      expect(dayOfIso(bad)).toBeNaN();
  });

  it('reads full ISO timestamps on their UTC day', () => {
    expect(dayOfIso('2026-11-23T23:59:59Z')).toBe(20_780);
    expect(dayOfIso('2026-11-23T23:30:00-01:00')).toBe(20_781);
    expect(epochDay(20_780 * DAY_MS - 1)).toBe(20_779);
  });
});
