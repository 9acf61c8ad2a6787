import * as z from 'zod/mini';
import { isEventId } from './event-id.ts';

const name = z.string().check(z.minLength(1), z.maxLength(128));
const count = z.number().check(z.gte(0), z.lte(1e15));
const props = z.record(
  z.string().check(z.maxLength(64)),
  z.union([z.string().check(z.maxLength(1000)), z.number(), z.boolean(), z.null()]),
);

/** Fields every event carries. */
const base = {
  /** Time-ordered unique id (UUIDv7); the dedupe key from browser to store. */
  id: z.string().check(z.refine(isEventId, 'must be a UUID')),
  /** Client time of the event, ms since the epoch. */
  ts: z.number().check(z.gte(0), z.lte(1e14)),
  /** Client time when the batch was sent; the server corrects `ts` by its own clock − sentAt. */
  sentAt: z.optional(z.number().check(z.gte(0), z.lte(1e14))),
  /** Set by the edge from the token, never trusted from the browser. */
  accountId: z.optional(name),
  userId: z.optional(name),
};
const promptFields = {
  promptId: name,
  surface: z.optional(name),
  triggerId: z.optional(name),
  experimentId: z.optional(name),
  variantId: z.optional(name),
};

/**
 * What a billing change carries (server events only): the plan and annual amount after it and,
 * when the backend knows them, before it. The NRR decomposition reads the difference; `expansion`
 * names the kind of expansion when the backend knows better than the plans and seats tell.
 */
const billing = {
  plan: name,
  /** What the account pays per year after the change. */
  amount: count,
  seats: z.optional(count),
  currency: z.optional(z.string().check(z.length(3))),
  fromPlan: z.optional(name),
  /** What it paid per year before (absent: its previous billing event's amount, else 0). */
  previousAmount: z.optional(count),
  previousSeats: z.optional(count),
  expansion: z.optional(z.enum(['seat', 'usage', 'tier'])),
};

/** Every event the SDK and the host's backend send, discriminated by `type`. */
export const eventSchema = z.discriminatedUnion('type', [
  // A usage event may stand for several calls (the SDK folds a burst into one): `delta` is
  // their summed change, `value` the latest, `calls` how many (absent: one).
  z.object({
    ...base,
    type: z.literal('usage'),
    meter: name,
    value: count,
    delta: z.optional(z.number()),
    calls: z.optional(z.number().check(z.int(), z.gte(1), z.lte(1e15))),
  }),
  z.object({ ...base, type: z.literal('gate_hit'), feature: name }),
  z.object({ ...base, type: z.literal('invite_sent'), inviteId: name, channel: z.optional(name) }),
  z.object({ ...base, type: z.literal('invite_accepted'), inviteId: name }),
  z.object({ ...base, type: z.literal('custom'), name, props: z.optional(props) }),
  z.object({ ...base, type: z.literal('trigger_fired'), triggerId: name, value: z.optional(z.number()) }),
  z.object({ ...base, type: z.literal('prompt_shown'), ...promptFields }),
  z.object({ ...base, type: z.literal('prompt_clicked'), ...promptFields }),
  z.object({ ...base, type: z.literal('prompt_dismissed'), ...promptFields }),
  z.object({
    ...base,
    type: z.literal('exposure'),
    experimentId: name,
    variantId: name,
    /** The experiment's `version` the unit was assigned under; 1 when absent. */
    experimentVersion: z.optional(z.number().check(z.int(), z.gte(1), z.lte(1_000_000))),
    unitId: z.optional(name),
  }),
  z.object({
    ...base,
    type: z.literal('upgrade_routed'),
    plan: name,
    seats: z.optional(count),
    route: z.enum(['self_serve', 'self_serve_with_assist', 'cs_assist']),
    expansionAcv: z.nullable(z.number()),
    source: z.optional(name),
  }),
  z.object({ ...base, type: z.literal('upgrade_completed'), ...billing }),
  // Server only, like upgrade_completed: any other change of what the account pays (a
  // downgrade, a usage true-up), and the end of its subscription.
  z.object({ ...base, type: z.literal('subscription_changed'), ...billing }),
  z.object({
    ...base,
    type: z.literal('subscription_canceled'),
    plan: z.optional(name),
    previousAmount: z.optional(count),
    currency: z.optional(z.string().check(z.length(3))),
  }),
]);

/** One Headroom event. */
export type HeadroomEvent = z.output<typeof eventSchema>;
export type EventType = HeadroomEvent['type'];
/** An event of one type. */
export type EventOf<T extends EventType> = Extract<HeadroomEvent, { type: T }>;
