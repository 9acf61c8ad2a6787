import { epochDay } from './day.ts';

/** Serializable state of a window, for persistence across reloads. */
export interface WindowState {
  days: number;
  /** [epochDay, total, keyed counts] per bucket that holds data. */
  buckets: Array<[number, number, Record<string, number>]>;
}

/** A rolling counter over the last `days` UTC days (today included). */
export interface RollingWindow {
  readonly days: number;
  /** Adds `n` (default 1) at time `ts`, optionally under a key (e.g. a feature id). O(1). */
  add(ts: number, n?: number, key?: string): void;
  /** Total within the window ending at `now`. */
  sum(now: number): number;
  /** Number of distinct keys seen within the window ending at `now`. */
  distinct(now: number): number;
  /** Per-day keyed counts within the window: `[epochDay, key, count]`. */
  entries(now: number): Array<[number, string, number]>;
  /** State to persist; `createWindow({ days, state })` restores it. */
  toJSON(): WindowState;
}

/** Options of `createWindow`. */
export interface WindowOptions {
  /** Window length in days (1–366). */
  days: number;
  /** Bucket size; days are the only granularity the engine needs. @default 'day' */
  bucket?: 'day';
  state?: WindowState | undefined;
}

/**
 * A ring buffer of one bucket per day: memory is bounded by `days` (times distinct keys
 * per day), `add` is O(1), reads are O(days). Events older than the window are ignored.
 * @example
 * const gates = createWindow({ days: 14 });
 * gates.add(Date.now(), 1, 'sso');
 * gates.distinct(Date.now()); // 1
 */
/* @__NO_SIDE_EFFECTS__ */
export function createWindow(options: WindowOptions): RollingWindow {
  const days = Math.max(1, Math.min(366, Math.floor(options.days) || 1));
  const bucketDay = new Array<number>(days).fill(Number.NEGATIVE_INFINITY);
  const totals = new Array<number>(days).fill(0);
  const keyed: Array<Map<string, number> | undefined> = new Array(days);

  const live = (i: number, today: number) => {
    const d = bucketDay[i] ?? Number.NEGATIVE_INFINITY;
    return d <= today && d > today - days;
  };

  const add = (ts: number, n = 1, key?: string) => {
    if (!Number.isFinite(ts) || !Number.isFinite(n)) return;
    const d = epochDay(ts);
    const i = ((d % days) + days) % days;
    const held = bucketDay[i] ?? Number.NEGATIVE_INFINITY;
    if (held > d) return; // a newer day owns this slot: the event is older than the window
    if (held < d) {
      bucketDay[i] = d;
      totals[i] = 0;
      keyed[i] = undefined;
    }
    totals[i] = (totals[i] ?? 0) + n;
    if (key !== undefined) {
      let map = keyed[i];
      if (!map) keyed[i] = map = new Map();
      map.set(key, (map.get(key) ?? 0) + n);
    }
  };

  if (options.state) {
    for (const [day, total, keys] of options.state.buckets) {
      const ts = day * 86_400_000;
      let unkeyed = total;
      for (const [key, n] of Object.entries(keys)) {
        add(ts, n, key);
        unkeyed -= n;
      }
      if (unkeyed !== 0) add(ts, unkeyed);
    }
  }

  return {
    days,
    add,
    sum(now) {
      const today = epochDay(now);
      let total = 0;
      for (let i = 0; i < days; i++) if (live(i, today)) total += totals[i] ?? 0;
      return total;
    },
    distinct(now) {
      const today = epochDay(now);
      const seen = new Set<string>();
      for (let i = 0; i < days; i++) {
        const map = keyed[i];
        if (map && live(i, today)) for (const key of map.keys()) seen.add(key);
      }
      return seen.size;
    },
    entries(now) {
      const today = epochDay(now);
      const out: Array<[number, string, number]> = [];
      for (let i = 0; i < days; i++) {
        const map = keyed[i];
        if (map && live(i, today)) for (const [key, n] of map) out.push([bucketDay[i] ?? 0, key, n]);
      }
      return out.sort((a, b) => a[0] - b[0]);
    },
    toJSON() {
      const buckets: WindowState['buckets'] = [];
      for (let i = 0; i < days; i++) {
        const d = bucketDay[i] ?? Number.NEGATIVE_INFINITY;
        if (Number.isFinite(d)) buckets.push([d, totals[i] ?? 0, Object.fromEntries(keyed[i] ?? [])]);
      }
      return { days, buckets };
    },
  };
}
