/** Milliseconds in one UTC day. */
export const DAY_MS = 86_400_000;

/** Days since the Unix epoch (UTC) of a timestamp in ms. */
export function epochDay(ts: number): number {
  return Math.floor(ts / DAY_MS);
}

/** `YYYY-MM-DD` (UTC) of an epoch day, the wire format of per-day history. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Epoch day of a `YYYY-MM-DD` or full ISO string, leniently: an impossible date rolls over as
 * `Date` does (Feb 30 is Mar 2), NaN when unparseable. Small, for input read once (history
 * days as they arrive); hot loops pass epoch days, and `dayOfIso` is the strict, faster form.
 */
export function dayOf(value: string): number {
  return epochDay(
    value.length === 10
      ? Date.UTC(+value.slice(0, 4), +value.slice(5, 7) - 1, +value.slice(8))
      : Date.parse(value),
  );
}

/** Epoch day of a `YYYY-MM-DD` or full ISO string; NaN when unparseable or not a real date. */
export function dayOfIso(value: string): number {
  // The plain-day form is the hot path (per-day history): read its digits directly.
  return value.length === 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45
    ? daysFromCivil(digits(value, 0, 4), digits(value, 5, 7), digits(value, 8, 10))
    : epochDay(Date.parse(value));
}

// The number written by value[from..to) in ASCII digits; NaN if any character is not a digit.
function digits(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

// Days from 0000-03-01 by whole-year, leap-day and month-length counts (a March-based year
// puts the leap day last), rebased to 1970-01-01; NaN for an impossible date.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month < 3 ? year - 1 : year;
  // 30 or 31 by the month's parity, flipping at August; February by the Gregorian leap rule.
  const monthDays =
    month === 2
      ? year % 4 || (year % 100 === 0 && year % 400)
        ? 28
        : 29
      : 30 + ((month + (month >> 3)) & 1);
  return month > 0 && month < 13 && day > 0 && day <= monthDays
    ? 365 * y +
        Math.floor(y / 4) -
        Math.floor(y / 100) +
        Math.floor(y / 400) +
        Math.floor((153 * ((month + 9) % 12) + 2) / 5) +
        day -
        719_469
    : NaN;
}
