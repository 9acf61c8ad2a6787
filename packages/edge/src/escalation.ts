import { DAY_MS } from '@headroom/core';
import type { EdgeContext } from './edge-context.ts';
import type { AccountEvaluation } from './evaluate-account.ts';
import { buildHandoffPayload } from './handoff-payload.ts';
import type { AccountSignals, AccountStateRow } from './storage/storage.ts';

/** The playbooks' floor: fewer than three signals never reaches a human ("improve the product, don't pitch"). */
export const MIN_SIGNALS_FOR_A_HUMAN = 3;

/** The routing signals of an evaluated state, as handoffs and `/v1/route` read them. */
export function signalsOf(state: AccountStateRow | null, usage: Record<string, number> = {}): AccountSignals {
  return {
    firstPqlAt: state?.pqlSince == null ? null : new Date(state.pqlSince).toISOString(),
    activeTriggers: state?.fired ?? [],
    usage,
  };
}

/**
 * Proactive CS handoffs, decided from the edge's own evaluation only (never a browser's
 * `trigger_fired`):
 * - `escalation`: distinct fired triggers ≥ max(`escalateAtSignals`, 3), the account eligible,
 *   and potential expansion ACV ≥ `assistAtAcv` (an unpriced next plan counts as above);
 *   once per account per `handoffCooldownDays`.
 * - `stalled_pql`: a PQL for ≥ `stalledPqlDays` with no server-reported upgrade since, eligible,
 *   with at least three signals; once per PQL episode.
 */
export async function escalate(ctx: EdgeContext, evaluation: AccountEvaluation): Promise<void> {
  const { state, usage } = evaluation;
  const signals = state.fired.length;
  if (!state.eligible || signals < MIN_SIGNALS_FOR_A_HUMAN || state.plan === null || state.segment === null)
    return;
  const { config } = await ctx.config();
  const { routing } = config;
  const now = ctx.now();
  const account = {
    id: state.accountId,
    plan: state.plan,
    segment: state.segment,
    seats: state.seats ?? 0,
    acv: state.acv ?? 0,
  };
  const proactive = (kind: 'escalation' | 'stalled_pql', reasons: string[]) => {
    const handoffId = crypto.randomUUID();
    return buildHandoffPayload({
      handoffId,
      kind,
      account,
      userId: null,
      signals: signalsOf(state, usage),
      route: 'cs_assist',
      reasons,
      expansionAcv: state.potentialAcv,
      request: null,
      createdAt: now,
    });
  };
  const background = (p: Promise<unknown>) => {
    p.catch(() => {});
  };
  const worthIt = state.potentialAcv === null || state.potentialAcv >= routing.assistAtAcv;
  if (signals >= Math.max(routing.escalateAtSignals, MIN_SIGNALS_FOR_A_HUMAN) && worthIt) {
    await ctx.handoff(
      {
        scope: 'escalation',
        dedupeKey: `escalation:${state.accountId}:${state.pqlSince ?? now}`,
        payload: proactive('escalation', ['signal_escalation']),
      },
      background,
    );
  }
  if (state.pqlSince !== null && now - state.pqlSince >= routing.stalledPqlDays * DAY_MS) {
    await ctx.handoff(
      {
        scope: 'stalled_pql',
        // Once per episode: a new episode (after an upgrade or a quiet spell) may stall again.
        dedupeKey: `stalled_pql:${state.accountId}:${state.pqlSince}`,
        payload: proactive('stalled_pql', ['stalled_pql']),
        openMs: now - state.pqlSince + 1,
      },
      background,
    );
  }
}
