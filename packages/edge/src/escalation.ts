import type { AccountClaims } from '@headroom/core';
import type { EdgeContext } from './edge-context.ts';
import { buildHandoffPayload } from './handoff-payload.ts';

/**
 * Proactive escalation: an account with at least `escalateAtSignals` distinct active
 * triggers and a potential expansion ACV at or above `assistAtAcv` gets one CS handoff per
 * PQL episode (idempotent by account and first-PQL date), even if nobody clicked upgrade.
 * A next plan without a price (contact sales) counts as above the threshold.
 */
export async function maybeEscalate(
  ctx: EdgeContext,
  claims: AccountClaims,
  waitUntil: (p: Promise<unknown>) => void,
): Promise<string | null> {
  const { config } = await ctx.config();
  const signals = await ctx.signals(claims.sub);
  if (signals.activeTriggers.length < config.routing.escalateAtSignals || signals.firstPqlAt === null)
    return null;
  const potential = ctx.potentialExpansionAcv(config, claims);
  if (potential !== null && potential < config.routing.assistAtAcv) return null;
  const handoffId = crypto.randomUUID();
  const payload = buildHandoffPayload({
    handoffId,
    kind: 'escalation',
    claims,
    signals,
    route: 'cs_assist',
    reasons: ['signal_escalation'],
    expansionAcv: potential,
    request: null,
    createdAt: ctx.now(),
  });
  return ctx.handoff(`escalation:${claims.sub}:${signals.firstPqlAt}`, payload, waitUntil);
}
