import { dayOfIso, epochDay } from '@headroom/core';
import type { Mark } from './create-ledger.ts';

/** `GET /v1/account`: what every user of the account did, with this user's share (`mine`). */
export interface AccountHistory {
  gateHits: Array<{ day: string; feature: string; count: number; mine: number }>;
  invites: Array<{ day: string; sent: number; mine: number }>;
  firstPqlAt: string | null;
  usage: Record<string, number>;
}

const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
const rows = (v: unknown) => (Array.isArray(v) ? v : []).filter((r) => typeof r === 'object' && r !== null);

/** Reads an account answer leniently: malformed rows are skipped, never thrown on. */
export function parseAccountHistory(body: unknown): AccountHistory | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  const usage: Record<string, number> = {};
  if (typeof b.usage === 'object' && b.usage !== null)
    for (const [k, v] of Object.entries(b.usage)) if (n(v) === v) usage[k] = v;
  return {
    gateHits: rows(b.gateHits)
      .map((r) => ({ day: String(r.day), feature: String(r.feature), count: n(r.count), mine: n(r.mine) }))
      .filter((r) => !Number.isNaN(dayOfIso(r.day))),
    invites: rows(b.invites)
      .map((r) => ({ day: String(r.day), sent: n(r.sent), mine: n(r.mine) }))
      .filter((r) => !Number.isNaN(dayOfIso(r.day))),
    firstPqlAt: typeof b.firstPqlAt === 'string' ? b.firstPqlAt : null,
    usage,
  };
}

/**
 * Merges the account's per-day counts with this browser's own marks without counting an
 * event twice: the server's `mine` may already include some of the local ones (sent) or not
 * yet (queued), so merged = count − mine + max(mine, local).
 */
export function mergeHistory(
  remote: ReadonlyArray<{ day: string; key: string; count: number; mine: number }>,
  local: readonly Mark[],
): Array<{ day: number; key: string; count: number }> {
  const mine = new Map<string, number>();
  for (const [ts, , key] of local) {
    const id = `${epochDay(ts)}|${key}`;
    mine.set(id, (mine.get(id) ?? 0) + 1);
  }
  const out = new Map<string, { day: number; key: string; count: number }>();
  for (const r of remote) {
    const day = dayOfIso(r.day);
    const id = `${day}|${r.key}`;
    const prev = out.get(id)?.count ?? 0;
    out.set(id, { day, key: r.key, count: prev + r.count - r.mine + Math.max(r.mine, mine.get(id) ?? 0) });
    mine.delete(id);
  }
  for (const [id, count] of mine) {
    const bar = id.indexOf('|');
    out.set(id, { day: Number(id.slice(0, bar)), key: id.slice(bar + 1), count });
  }
  return [...out.values()];
}
