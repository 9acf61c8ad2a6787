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
  type Row = { day: number; feature: string; count: number };
  // This browser's own count per day (and key).
  const mine = new Map<string, Row>();
  for (const [ts, , k] of local) {
    const day = epochDay(ts);
    const feature = key ? k : '';
    const id = `${day}|${feature}`;
    const row = mine.get(id) ?? { day, feature, count: 0 };
    row.count++;
    mine.set(id, row);
  }
  const out = new Map<string, Row>();
  for (const row of Array.isArray(rows) ? rows : []) {
    const r: Record<string, unknown> = Object(row);
    const day = dayOfIso(String(r.day));
    if (Number.isNaN(day)) continue;
    const feature = key ? String(r[key]) : '';
    const id = `${day}|${feature}`;
    const m = num(r.mine);
    const merged = Math.max(0, num(r[count]) - m) + Math.max(m, mine.get(id)?.count ?? 0);
    out.set(id, { day, feature, count: (out.get(id)?.count ?? 0) + merged });
    mine.delete(id);
  }
  for (const [id, row] of mine) out.set(id, row);
  return [...out.values()];
}
