import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, dayOf, dayOfIso, epochDay, isoDay } from './day.ts';

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

  it('reads any YYYY-MM-DD-shaped string as the calendar does, non-digits and year 0 included', () => {
    // The calendar's answer: the day Date lands on, or NaN when a field is not digits or the
    // date rolls over (Feb 30, month 13, day 00).
    const calendar = (year: string, month: string, day: string) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(`${year}-${month}-${day}`)) return Number.NaN;
      const date = new Date(0);
      date.setUTCFullYear(+year, +month - 1, +day);
      const same =
        date.getUTCFullYear() === +year && date.getUTCMonth() === +month - 1 && date.getUTCDate() === +day;
      return same ? epochDay(date.getTime()) : Number.NaN;
    };
    const padded = (max: number, width: number) =>
      fc.integer({ min: 0, max }).map((n) => String(n).padStart(width, '0'));
    const noisy = (width: number) =>
      fc.string({ unit: fc.constantFrom(...'0123456789/:+ -a.'), minLength: width, maxLength: width });
    fc.assert(
      fc.property(
        fc.oneof(padded(9999, 4), noisy(4)),
        fc.oneof(padded(19, 2), noisy(2)),
        fc.oneof(padded(39, 2), noisy(2)),
        (year, month, day) => {
          expect(dayOfIso(`${year}-${month}-${day}`)).toBe(calendar(year, month, day));
        },
      ),
      { numRuns: 20_000 },
    );
    for (const leap of ['0000-02-29', '0000-01-01', '0000-03-01', '1900-02-29', '2000-02-29', '2100-02-28'])
      expect(dayOfIso(leap), leap).toBe(calendar(...(leap.split('-') as [string, string, string])));
  });

  it('reads full ISO timestamps on their UTC day', () => {
    expect(dayOfIso('2026-11-23T23:59:59Z')).toBe(20_780);
    expect(dayOfIso('2026-11-23T23:30:00-01:00')).toBe(20_781);
    expect(epochDay(20_780 * DAY_MS - 1)).toBe(20_779);
  });

  it('dayOf agrees with the strict parser on every real day, and reads full ISO times', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 84_000 }), (day) => {
        expect(dayOf(isoDay(day))).toBe(day);
      }),
      { numRuns: 2000 },
    );
    expect(dayOf('2026-11-23T23:59:59.999Z')).toBe(20_780);
    for (const bad of ['yesterday', '', '2026-1x-01']) expect(dayOf(bad)).toBeNaN();
    // Lenient where the strict form refuses: an impossible date rolls over as Date does.
    expect(dayOf('2026-02-30')).toBe(dayOfIso('2026-03-02'));
  });
});
