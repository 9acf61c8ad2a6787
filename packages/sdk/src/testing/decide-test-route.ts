import { type AccountClaims, decideRoute, type HeadroomConfig } from '@headroom/core';
import type { UpgradeDecision } from '../types.ts';

/**
 * The edge's answer to `POST /v1/route` for an account with no history: `decideRoute` over
 * the claims, plus the config's checkout link (filled like the edge does) unless it is CS.
 */
export function decideTestRoute(
  config: HeadroomConfig,
  claims: AccountClaims,
  request: { plan: string; seats?: number | undefined; needs?: readonly string[] | undefined },
): UpgradeDecision {
  const decision: UpgradeDecision = decideRoute(
    { ...request, claims, pqlAgeDays: null, activeSignals: 0 },
    config,
  );
  const template = config.routing.checkoutUrl;
  if (decision.route === 'cs_assist' || !template) return decision;
  const values: Record<string, string> = {
    plan: request.plan,
    seats: String(request.seats ?? claims.seats),
    accountId: claims.sub,
    userId: claims.uid,
  };
  const checkoutUrl = template.replace(/\{(\w+)\}/g, (match, key: string) =>
    key in values ? encodeURIComponent(values[key] ?? '') : match,
  );
  return { ...decision, checkoutUrl };
}
