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

/** Epoch day of a `YYYY-MM-DD` or full ISO string; NaN when unparseable. */
export function dayOfIso(value: string): number {
  // The plain-day form is the hot path (per-day history): read its digits directly.
  if (value.length === 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45) {
    const year = digits(value, 0, 4);
    const month = digits(value, 5, 7);
    const day = digits(value, 8, 10);
    return daysFromCivil(year, month, day);
  }
  return epochDay(Date.parse(value));
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

// Howard Hinnant's days_from_civil (proleptic Gregorian, UTC); NaN for an impossible date.
function daysFromCivil(year: number, month: number, day: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays =
    month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= monthDays)) return NaN;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
