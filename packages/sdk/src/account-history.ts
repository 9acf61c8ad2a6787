import { dayOf, epochDay } from '@headroom/core';
import type { Mark } from './create-ledger.ts';

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);

/** A per-day row of `GET /v1/account` with its day read as an epoch day. */
export type HistoryRow = Record<string, unknown> & { day: number };

/** `GET /v1/account`'s body, read once when it arrives. */
export interface AccountHistory {
  /** The account's current usage per meter (every user and the backend). */
  usage: Record<string, unknown>;
  /** Gated features hit per day (`feature`, `count`, this user's share in `mine`). */
  gateHits: HistoryRow[];
  /** Invites per day (`sent`, this user's share in `mine`). */
  invites: HistoryRow[];
  /** Daily peaks per meter (`used`). */
  meterHistory: Record<string, Array<{ day: number; used: number }>>;
}

/**
 * Reads the account's history once, so the trigger engine gets epoch days at every evaluation
 * instead of parsing dates each time. Rows that are not objects with a date are dropped.
 */
export function readHistory(body: unknown): AccountHistory {
  const h: Record<string, unknown> = Object(body);
  const rows = (list: unknown) =>
    (Array.isArray(list) ? list : [])
      .map((row): HistoryRow => ({ ...row, day: dayOf(String(row?.day)) }))
      .filter((row) => !Number.isNaN(row.day));
  const meterHistory: AccountHistory['meterHistory'] = {};
  // (The edge returns configured meters only; the engine skips values that are not numbers.)
  for (const [id, peaks] of Object.entries<unknown>(Object(h.meterHistory)))
    meterHistory[id] = rows(peaks) as Array<{ day: number; used: number }>;
  return { usage: Object(h.usage), gateHits: rows(h.gateHits), invites: rows(h.invites), meterHistory };
}

/**
 * Merges the account's per-day rows (every user, with this user's share in `mine`) with this
 * browser's own marks, counting no event twice: `mine` may already include some local events
 * (sent) or not yet (still queued), so merged = count − mine + max(mine, local). Malformed
 * counts count as 0, never thrown on.
 * @param key the row field that keys a count (`feature`), or undefined for one count per day.
 * @param count the row field holding the count (`count` for gate hits, `sent` for invites).
 */
export function mergeHistory(
  rows: readonly HistoryRow[] | undefined,
  key: string | undefined,
  count: string,
  local: readonly Mark[],
): Array<{ day: number; feature: string; count: number }> {
  // `own`: this browser's count on the row not yet matched by a server row.
  // Keys hold a '|', so they are never array indices (kept in insertion order) nor `__proto__`.
  const out: Record<string, { day: number; feature: string; count: number; own: number }> = {};
  const row = (day: number, feature: string) =>
    (out[`${day}|${feature}`] ??= { day, feature, count: 0, own: 0 });
  for (const [ts, , k] of local) {
    const r = row(epochDay(ts), key ? k : '');
    r.count++;
    r.own++;
  }
  for (const x of rows ?? []) {
    const r = row(x.day, key ? String(x[key]) : '');
    const m = num(x.mine);
    // count − mine + max(mine, own), with own already in r.count.
    r.count += Math.max(0, num(x[count]) - m) + Math.max(0, m - r.own);
    r.own = 0;
  }
  return Object.values(out);
}
