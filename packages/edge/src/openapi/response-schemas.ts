// What each route answers, as zod schemas: the OpenAPI document is generated from them and
// the contract test holds real answers to them. Not imported by the app (or the worker).
import { handoffPayloadSchema, serverEventsResultSchema, upsertAccountsResultSchema } from '@headroom/server';
import * as z from 'zod/mini';

const isoTime = z.string().check(z.describe('ISO 8601 time'));
const day = z.string().check(z.describe('UTC day, YYYY-MM-DD'));
const counts = z.record(z.string(), z.number());
const routeName = z.enum(['self_serve', 'self_serve_with_assist', 'cs_assist']);

/** `{ error: { code, message, issues? } }` with 400, 401, 403, 404, 409, 412, 413, 428, 429, 503. */
export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Invalid fields: dotted zod paths. */
    issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
});

/** `POST /v1/events`: how many were stored, already held, refused (and why). */
export const eventsResultSchema = serverEventsResultSchema;

/** `POST /v1/route`: the decision, a checkout link for self-serve, a handoff for CS routes. */
export const routeDecisionSchema = z.object({
  route: routeName,
  /** Reason codes such as `below_assist_threshold`, `enterprise_segment`, `needs_invoice`. */
  reasons: z.array(z.string()),
  /** Requested plan's price × seats − current ACV, USD; null when the plan is contact-sales. */
  expansionAcv: z.nullable(z.number()),
  checkoutUrl: z.optional(z.string()),
  handoff: z.optional(z.object({ id: z.string(), message: z.string(), bookingUrl: z.optional(z.string()) })),
});

/** `GET /v1/account`: account-level history that one browser cannot know. */
export const accountHistorySchema = z.object({
  accountId: z.string(),
  gateHits: z.array(z.object({ day, feature: z.string(), count: z.number(), mine: z.number() })),
  invites: z.array(z.object({ day, sent: z.number(), accepted: z.number(), mine: z.number() })),
  meterHistory: z.record(z.string(), z.array(z.object({ day, used: z.number() }))),
  firstPqlAt: z.nullable(isoTime),
  activeTriggers: z.array(z.string()),
  /** Results of the trigger kinds only the edge evaluates (forecast, event counts, traits, power users, adoption). */
  edgeTriggers: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      fired: z.boolean(),
      reason: z.string(),
      value: z.number(),
      threshold: z.number(),
      prompt: z.optional(z.string()),
      forecast: z.optional(z.object({ meter: z.string(), limit: z.number(), reachesOn: day })),
      users: z.optional(z.array(z.string())),
      features: z.optional(z.object({ used: z.array(z.string()), nextPlan: z.array(z.string()) })),
    }),
  ),
  /** Per meter, the earliest projected limit day of the `meter_forecast` triggers. */
  forecasts: z.record(z.string(), z.object({ limit: z.number(), reachesOn: day, fired: z.boolean() })),
  usage: counts,
  eligibility: z.nullable(
    z.object({ eligible: z.boolean(), reasons: z.array(z.string()), unknown: z.array(z.string()) }),
  ),
});

/** `GET /healthz`. */
export const healthSchema = z.object({ ok: z.boolean(), storage: z.enum(['ok', 'unavailable']) });

/** `POST /v1/server/accounts`. */
export const serverAccountsResultSchema = upsertAccountsResultSchema;

/**
 * `GET /v1/admin/experiments`: exposures and conversions per variant, per experiment version
 * (the live version first, then earlier ones with exposures, newest first; never pooled).
 */
export const experimentsReportSchema = z.object({
  experiments: z.array(
    z.object({
      id: z.string(),
      version: z.int().check(z.gte(1)),
      /** False for an earlier version, whose weights come from the config history. */
      current: z.boolean(),
      goal: z.string(),
      unit: z.enum(['account', 'user']),
      conversionWindowDays: z.number(),
      variants: z.array(
        z.object({ id: z.string(), weight: z.number(), exposures: z.number(), conversions: z.number() }),
      ),
    }),
  ),
});

/** `GET /v1/admin/funnel`: fired → shown → clicked → routed → completed per trigger. */
export const funnelReportSchema = z.object({
  since: isoTime,
  byTrigger: z.array(
    z.object({
      triggerId: z.string(),
      fired: z.number(),
      shown: z.number(),
      clicked: z.number(),
      routed: z.number(),
      completed: z.number(),
      medianMsToUpgrade: z.nullable(z.number()),
    }),
  ),
  routes: counts,
  routedAccounts: counts,
  direct: z.number(),
  definitions: z.record(z.string(), z.string()),
});

const holdoutArm = z.object({
  accounts: z.number(),
  expanded: z.number(),
  amount: z.number(),
  amountSquares: z.number(),
  pending: z.number(),
});

/** `GET /v1/admin/holdouts`: per held-out trigger, the exposed and held-out arms. */
export const holdoutsReportSchema = z.object({
  since: isoTime,
  judgedBefore: isoTime,
  outcomeDays: z.number(),
  triggers: z.array(
    z.object({
      triggerId: z.string(),
      holdout: z.nullable(z.number()),
      exposed: holdoutArm,
      heldOut: holdoutArm,
    }),
  ),
  definitions: z.record(z.string(), z.string()),
});

const expansionSlice = {
  activeAccounts: z.number(),
  activeUsers: z.number(),
  invitesSent: z.number(),
  invitesAccepted: z.number(),
  pqls: z.number(),
  pqlsJudged: z.number(),
  pqlsExpanded: z.number(),
  expansions: z.number(),
  csAssisted: z.number(),
  seatArr: z.number(),
  usageArr: z.number(),
  tierArr: z.number(),
  newArr: z.number(),
  contractionArr: z.number(),
  churnArr: z.number(),
  churnedAccounts: z.number(),
  startingArr: z.number(),
  payingAccounts: z.number(),
};

/**
 * `GET /v1/admin/expansion`: the figures every expansion metric is computed from (README
 * "Expansion metrics"; `expansionMetrics` in @headroom/insights), for the window, by UTC week,
 * by segment and by trigger.
 */
export const expansionReportSchema = z.object({
  since: isoTime,
  until: isoTime,
  judgedBefore: isoTime,
  days: z.number(),
  outcomeDays: z.number(),
  assistDays: z.number(),
  total: z.object(expansionSlice),
  weeks: z.array(z.object({ week: z.string(), ...expansionSlice })),
  segments: z.record(z.string(), z.object(expansionSlice)),
  triggers: z.array(
    z.object({
      triggerId: z.string(),
      pqls: z.number(),
      judged: z.number(),
      expanded: z.number(),
      attributed: z.number(),
      medianMsToExpansion: z.nullable(z.number()),
    }),
  ),
});

/** `GET /v1/admin/handoffs`: each handoff with its delivery state. */
export const handoffsReportSchema = z.object({
  handoffs: z.array(
    z.object({
      id: z.string(),
      accountId: z.string(),
      status: z.enum(['pending', 'delivered', 'failed']),
      attempts: z.number(),
      createdAt: isoTime,
      deliveredAt: z.nullable(isoTime),
      lastError: z.nullable(z.string()),
      payload: handoffPayloadSchema,
    }),
  ),
});

const pqlRow = {
  accountId: z.string(),
  plan: z.nullable(z.string()),
  segment: z.nullable(z.string()),
  activeTriggers: z.array(z.string()),
  signals: z.number(),
  potentialExpansionAcv: z.nullable(z.number()),
  reasons: z.record(z.string(), z.string()),
  evaluatedAt: isoTime,
  unknown: z.array(z.string()),
};

/** `GET /v1/admin/pqls`: accounts in a PQL episode, and suppressed ones with why. */
export const pqlsReportSchema = z.object({
  accounts: z.array(z.object({ ...pqlRow, firstPqlAt: isoTime, reachesHuman: z.boolean() })),
  suppressed: z.array(z.object({ ...pqlRow, suppressedBecause: z.array(z.string()) })),
});

const versionSummary = { version: z.number(), publishedAt: isoTime, note: z.optional(z.string()) };

/** A stored config version with its document. */
export const configVersionSchema = z.object({
  ...versionSummary,
  config: z.record(z.string(), z.unknown()),
});

/** `GET /v1/admin/config`: the current version and every version's summary. */
export const adminConfigSchema = z.object({
  current: configVersionSchema,
  versions: z.array(z.object(versionSummary)),
});

/** `PUT /v1/admin/config` and `POST /v1/admin/config/rollback`. */
export const publishedSchema = z.object({
  version: z.number(),
  /** Valid but probably wrong (an unused prompt, a ratio of 8): published, and said so. */
  warnings: z.optional(z.array(z.object({ path: z.string(), message: z.string(), code: z.string() }))),
});
