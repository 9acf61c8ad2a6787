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
  // The plain-day form is the hot path (per-day history); Date.UTC would map years 0–99 to 19xx.
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(value);
  if (!m)
    return value.length === 10 && value[4] === '-' && value[7] === '-' ? NaN : epochDay(Date.parse(value));
  const [, year, month, day] = m.map(Number) as [number, number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // An impossible date (2026-02-30, 2026-13-01) rolls over into another day or month.
  return date.getUTCDate() === day && date.getUTCMonth() === month - 1 ? epochDay(date.getTime()) : NaN;
}
