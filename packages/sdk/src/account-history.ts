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
  const mine = new Map<string, number>();
  for (const [ts, , k] of local) {
    const id = `${epochDay(ts)}|${key ? k : ''}`;
    mine.set(id, (mine.get(id) ?? 0) + 1);
  }
  const out = new Map<string, { day: number; feature: string; count: number }>();
  for (const row of Array.isArray(rows) ? rows : []) {
    const r: Record<string, unknown> = Object(row);
    const day = dayOfIso(String(r.day));
    if (Number.isNaN(day)) continue;
    const feature = key ? String(r[key]) : '';
    const id = `${day}|${feature}`;
    const m = num(r.mine);
    const merged = Math.max(0, num(r[count]) - m) + Math.max(m, mine.get(id) ?? 0);
    out.set(id, { day, feature, count: (out.get(id)?.count ?? 0) + merged });
    mine.delete(id);
  }
  for (const [id, n] of mine) {
    const bar = id.indexOf('|');
    out.set(id, { day: Number(id.slice(0, bar)), feature: id.slice(bar + 1), count: n });
  }
  return [...out.values()];
}
