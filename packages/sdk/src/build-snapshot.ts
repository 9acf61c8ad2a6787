import { type AccountClaims, DAY_MS, type TriggerSnapshot } from '@headroom/core';
import { type AccountHistory, mergeHistory } from './account-history.ts';
import type { Ledger } from './create-ledger.ts';
import { GATE_HIT, INVITE_SENT } from './ledger-kinds.ts';

/**
 * What the trigger engine sees: current usage, and the account's daily meter peaks, gate hits
 * and invites (from `GET /v1/account`, every user and the backend, so a new browser sees
 * months of seat pressure, not day 1) with this browser's own gate hits and invites merged in.
 */
export function buildSnapshot(
  claims: AccountClaims,
  used: Record<string, number>,
  ledger: Pick<Ledger, 'list'>,
  history: AccountHistory | undefined,
  now: number,
): TriggerSnapshot & {
  claims: AccountClaims;
  gateHits: Array<{ day: number; feature: string; count: number }>;
} {
  // Gate hits and invites of the last 90 days (the cutoff is spelled out twice: it gzips better).
  return {
    claims,
    meters: used,
    meterHistory: history?.meterHistory ?? {},
    gateHits: mergeHistory(history?.gateHits, 'feature', 'count', ledger.list(GATE_HIT, now - 90 * DAY_MS)),
    invites: mergeHistory(history?.invites, undefined, 'sent', ledger.list(INVITE_SENT, now - 90 * DAY_MS)),
  };
}
