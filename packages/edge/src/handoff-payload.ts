import type { AccountSignals, HandoffPayload } from './storage/storage.ts';

/** What a handoff is built from. */
export interface HandoffInput {
  handoffId: string;
  kind: HandoffPayload['kind'];
  account: HandoffPayload['account'];
  /** The user who asked (route handoffs); null for proactive ones. */
  userId: string | null;
  signals: AccountSignals;
  route: string;
  reasons: readonly string[];
  expansionAcv: number | null;
  request: { plan: string; seats: number | null; needs: readonly string[]; source: string | null } | null;
  createdAt: number;
}

/** The webhook payload: account, trigger reasons, usage snapshot, requested plan and expansion ACV. */
export function buildHandoffPayload(input: HandoffInput): HandoffPayload {
  const { signals } = input;
  return {
    handoffId: input.handoffId,
    kind: input.kind,
    account: { ...input.account },
    userId: input.userId,
    requestedPlan: input.request?.plan ?? null,
    requestedSeats: input.request?.seats ?? null,
    needs: [...(input.request?.needs ?? [])],
    route: input.route,
    reasons: [...input.reasons],
    expansionAcv: input.expansionAcv,
    activeTriggers: [...signals.activeTriggers],
    usage: { ...signals.usage },
    firstPqlAt: signals.firstPqlAt,
    source: input.request?.source ?? null,
    createdAt: new Date(input.createdAt).toISOString(),
  };
}
