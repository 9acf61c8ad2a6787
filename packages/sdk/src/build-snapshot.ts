import { type AccountClaims, DAY_MS, type DayRef, type TriggerSnapshot } from '@headroom/core';
import { mergeHistory } from './account-history.ts';
import type { Ledger } from './create-ledger.ts';

/**
 * What the trigger engine sees: current usage, daily usage peaks from the ledger, and the
 * account's gate hits and invites (from `GET /v1/account`) merged with this browser's own.
 */
export function buildSnapshot(
  claims: AccountClaims,
  used: Record<string, number>,
  ledger: Pick<Ledger, 'list'>,
  history: Record<string, unknown> | undefined,
  now: number,
): TriggerSnapshot & {
  claims: AccountClaims;
  gateHits: Array<{ day: number; feature: string; count: number }>;
} {
  // Daily peaks; the trigger engine reads a ms timestamp as its UTC day.
  const meterHistory: Record<string, Array<{ day: DayRef; used: number }>> = {};
  for (const [day, , id, used = 0] of ledger.list('p')) {
    meterHistory[id] ??= [];
    meterHistory[id].push({ day, used });
  }
  // The account's daily peaks from every user and the backend (GET /v1/account): a new
  // browser sees months of seat pressure, not day 1. The engine keeps each day's highest.
  // (The edge returns configured meters only; a day that is not a date parses to NaN and is dropped.)
  for (const [id, rows] of Object.entries<unknown>(Object(history?.meterHistory))) {
    if (!Array.isArray(rows)) continue;
    meterHistory[id] ??= [];
    for (const row of rows) meterHistory[id].push({ day: String(row?.day), used: +row?.used });
  }
  // Gate hits and invites of the last 90 days (the cutoff is spelled out twice: it gzips better).
  return {
    claims,
    meters: used,
    meterHistory,
    gateHits: mergeHistory(history?.gateHits, 'feature', 'count', ledger.list('g', now - 90 * DAY_MS)),
    invites: mergeHistory(history?.invites, undefined, 'sent', ledger.list('i', now - 90 * DAY_MS)),
  };
}
