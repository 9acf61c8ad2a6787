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
  return epochDay(Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value));
}
