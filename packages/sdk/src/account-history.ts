import { dayOfIso, epochDay } from '@headroom/core';
import type { Mark } from './create-ledger.ts';

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);

/**
 * Merges per-day rows from `GET /v1/account` (every user of the account, with this user's
 * share in `mine`) with this browser's own marks, counting no event twice: `mine` may already
 * include some local events (sent) or not yet (still queued), so
 * merged = count − mine + max(mine, local). Malformed rows are skipped, never thrown on.
 * @param key the row field that keys a count (`feature`), or undefined for one count per day.
 * @param count the row field holding the count (`count` for gate hits, `sent` for invites).
 */
export function mergeHistory(
  rows: unknown,
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
  for (const raw of Array.isArray(rows) ? rows : []) {
    const x: Record<string, unknown> = Object(raw);
    const day = dayOfIso(String(x.day));
    if (Number.isNaN(day)) continue;
    const r = row(day, key ? String(x[key]) : '');
    const m = num(x.mine);
    // count − mine + max(mine, own), with own already in r.count.
    r.count += Math.max(0, num(x[count]) - m) + Math.max(0, m - r.own);
    r.own = 0;
  }
  return Object.values(out);
}
