import * as z from 'zod/mini';

const text = z.string().check(z.maxLength(10_000));
const count = z.number().check(z.gte(0));

/** What the edge posts to the handoff webhook, as `verifyHandoff` checks it. */
export const handoffPayloadSchema = z.object({
  /** Stable across redeliveries: dedupe on it. */
  handoffId: z.string().check(z.minLength(1), z.maxLength(200)),
  /** `route`: a user asked to upgrade; `escalation`: enough signals fired; `stalled_pql`: a PQL went quiet. */
  kind: z.enum(['route', 'escalation', 'stalled_pql']),
  account: z.object({ id: text, plan: text, segment: text, seats: count, acv: count }),
  /** The user who asked (route handoffs); null for proactive ones. */
  userId: z.nullable(text),
  requestedPlan: z.nullable(text),
  requestedSeats: z.nullable(count),
  needs: z.array(text),
  route: text,
  reasons: z.array(text),
  /** Requested plan's price × seats − current ACV, USD; null when it could not be priced. */
  expansionAcv: z.nullable(z.number()),
  activeTriggers: z.array(text),
  usage: z.record(z.string(), z.number()),
  /** Start of the PQL episode, ISO; null when the account is not a PQL. */
  firstPqlAt: z.nullable(text),
  source: z.nullable(text),
  /** ISO time the handoff was recorded. */
  createdAt: text,
});

/** A CS handoff: enough context to act without opening another tool. */
export type HandoffPayload = z.output<typeof handoffPayloadSchema>;
