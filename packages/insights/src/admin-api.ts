import * as z from 'zod/mini';

// Response shapes of the edge's admin API (`/v1/admin/*`), validated wherever they are read
// (the CLI and the console), so a version skew shows up as a clear error, not as NaN.

const count = z.number().check(z.gte(0));

export const adminExperimentsSchema = z.object({
  experiments: z.array(
    z.object({
      id: z.string(),
      /** The experiment version these results are of (absent from edges before versions). */
      version: z.optional(z.number()),
      /** False for an earlier version: its results are kept apart from the live one's. */
      current: z.optional(z.boolean()),
      goal: z.string(),
      unit: z.string(),
      conversionWindowDays: z.number(),
      variants: z.array(
        z.object({ id: z.string(), weight: z.number(), exposures: count, conversions: count }),
      ),
    }),
  ),
});
export type AdminExperiments = z.output<typeof adminExperimentsSchema>;

const routeCounts = z.object({ self_serve: count, self_serve_with_assist: count, cs_assist: count });

export const adminFunnelSchema = z.object({
  since: z.string(),
  byTrigger: z.array(
    z.object({
      triggerId: z.string(),
      fired: count,
      shown: count,
      clicked: count,
      routed: count,
      completed: count,
      medianMsToUpgrade: z.nullable(z.number()),
    }),
  ),
  /** Routing decisions the edge made, by route. */
  routes: routeCounts,
  /** Distinct accounts routed, by route (older edges omit it). */
  routedAccounts: z.optional(routeCounts),
  /** Accounts routed with no prompt click before their first route. */
  direct: z._default(count, 0),
  /** What each number means, as the edge defines it. */
  definitions: z.optional(z.record(z.string(), z.string())),
});
export type AdminFunnel = z.output<typeof adminFunnelSchema>;
export type FunnelRow = AdminFunnel['byTrigger'][number];

const holdoutArm = z.object({
  accounts: count,
  expanded: count,
  amount: count,
  amountSquares: count,
  pending: count,
});

export const adminHoldoutsSchema = z.object({
  since: z.string(),
  judgedBefore: z.string(),
  outcomeDays: count,
  triggers: z.array(
    z.object({
      triggerId: z.string(),
      /** The share the live config holds out (null: no longer held out). */
      holdout: z.nullable(z.number()),
      exposed: holdoutArm,
      heldOut: holdoutArm,
    }),
  ),
  definitions: z.optional(z.record(z.string(), z.string())),
});
export type AdminHoldouts = z.output<typeof adminHoldoutsSchema>;

const expansionSlice = {
  activeAccounts: count,
  activeUsers: count,
  invitesSent: count,
  invitesAccepted: count,
  pqls: count,
  pqlsJudged: count,
  pqlsExpanded: count,
  expansions: count,
  csAssisted: count,
  seatArr: count,
  usageArr: count,
  tierArr: count,
  newArr: count,
  contractionArr: count,
  churnArr: count,
  churnedAccounts: count,
  startingArr: count,
  payingAccounts: count,
};

/** `GET /v1/admin/expansion`: what every expansion metric is computed from (see `expansionMetrics`). */
export const adminExpansionSchema = z.object({
  since: z.string(),
  until: z.string(),
  judgedBefore: z.string(),
  days: count,
  outcomeDays: count,
  assistDays: count,
  total: z.object(expansionSlice),
  weeks: z.array(z.object({ week: z.string(), ...expansionSlice })),
  segments: z.record(z.string(), z.object(expansionSlice)),
  triggers: z.array(
    z.object({
      triggerId: z.string(),
      pqls: count,
      judged: count,
      expanded: count,
      attributed: count,
      medianMsToExpansion: z.nullable(count),
    }),
  ),
});
export type AdminExpansion = z.output<typeof adminExpansionSchema>;
export type ExpansionSlice = AdminExpansion['total'];

export const adminHandoffsSchema = z.object({
  handoffs: z.array(
    z.object({
      id: z.string(),
      accountId: z.string(),
      status: z.enum(['pending', 'delivered', 'failed']),
      attempts: count,
      createdAt: z.string(),
      deliveredAt: z.nullable(z.string()),
      lastError: z.nullable(z.string()),
      payload: z.unknown(),
    }),
  ),
});
export type AdminHandoffs = z.output<typeof adminHandoffsSchema>;

const pqlRow = {
  accountId: z.string(),
  plan: z.nullable(z.string()),
  segment: z.nullable(z.string()),
  activeTriggers: z.array(z.string()),
  signals: count,
  potentialExpansionAcv: z.nullable(z.number()),
  /** Why each trigger fired, as the edge evaluated it. */
  reasons: z._default(z.record(z.string(), z.string()), {}),
  /** Readiness facts nobody reported (health, active users). */
  unknown: z._default(z.array(z.string()), []),
};
export const adminPqlsSchema = z.object({
  /** Eligible accounts in a PQL episode, by the edge's own evaluation. */
  accounts: z.array(
    z.object({
      ...pqlRow,
      firstPqlAt: z.nullable(z.string()),
      /** At least three signals: CS may see it (fewer stay in the product). */
      reachesHuman: z._default(z.boolean(), false),
    }),
  ),
  /** Accounts whose triggers fire but that nobody may pitch, with why. */
  suppressed: z._default(z.array(z.object({ ...pqlRow, suppressedBecause: z.array(z.string()) })), []),
});
export type AdminPqls = z.output<typeof adminPqlsSchema>;

export const adminConfigSchema = z.object({
  current: z.nullable(
    z.object({
      version: z.number(),
      config: z.unknown(),
      publishedAt: z.string(),
      note: z.optional(z.string()),
      publishedBy: z.optional(z.string()),
    }),
  ),
  versions: z.array(
    z.object({
      version: z.number(),
      publishedAt: z.string(),
      note: z.optional(z.string()),
      publishedBy: z.optional(z.string()),
    }),
  ),
});
export type AdminConfig = z.output<typeof adminConfigSchema>;

export const adminErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
});
export type AdminError = z.output<typeof adminErrorSchema>['error'];

/** Funnel steps in order, with the label people read. */
export const FUNNEL_STEPS = [
  ['fired', 'Fired'],
  ['shown', 'Prompt shown'],
  ['clicked', 'Clicked'],
  ['routed', 'Routed'],
  ['completed', 'Completed'],
] as const;

/** Share lost from each step to the next (`null` when the earlier step is 0). */
export function funnelDropOff(row: FunnelRow): Array<number | null> {
  return FUNNEL_STEPS.slice(1).map(([step], i) => {
    const before = row[FUNNEL_STEPS[i]![0]];
    return before > 0 ? 1 - row[step] / before : null;
  });
}

const routeOrNone = z.enum(['self_serve', 'self_serve_with_assist', 'cs_assist', 'not_pql']);

/** `POST /v1/admin/config/impact`: what a draft would change for the accounts the edge knows. */
export const adminImpactSchema = z.object({
  liveVersion: z.number(),
  evaluatedAt: z.string(),
  accounts: count,
  truncated: z.boolean(),
  eligible: z.object({ live: count, draft: count }),
  prompts: z.array(
    z.object({ promptId: z.string(), live: count, draft: count, newlySee: count, stopSeeing: count }),
  ),
  triggers: z.array(
    z.object({ triggerId: z.string(), live: count, draft: count, newlyFire: count, stopFiring: count }),
  ),
  routes: z.object({
    pqls: z.object({ live: count, draft: count }),
    live: routeCounts,
    draft: routeCounts,
    shifts: z.array(z.object({ from: routeOrNone, to: routeOrNone, accounts: count })),
  }),
});
export type AdminImpact = z.output<typeof adminImpactSchema>;

const proportion = z.object({
  value: z.number(),
  lower: z.number(),
  upper: z.number(),
  successes: count,
  trials: count,
});
const verdict = z.enum([
  'automate',
  'tune_threshold',
  'do_not_automate',
  'inconclusive',
  'insufficient_data',
]);
/** One trigger's backtest figures as the edge's backtest endpoint returns them. */
export const triggerFigures = z.object({
  id: z.string(),
  kind: z.string(),
  fireRate: proportion,
  quarters: z.array(
    z.object({
      quarter: z.string(),
      eligibleAccounts: count,
      firedAccounts: count,
      fireRate: z.number(),
      lower: z.number(),
      upper: z.number(),
    }),
  ),
  preceded: z.object({ ...proportion.shape, medianLeadDays: z.nullable(z.number()) }),
  falsePositiveRate: z.nullable(proportion),
  censored: count,
  verdict,
  band: z.enum(['below', 'within', 'above']),
  message: z.string(),
});
/** One trigger of a draft backtest, with the live config's figures beside it (`null`: not in that config). */
export type BacktestTriggerFigures = z.output<typeof triggerFigures>;

/** One NDJSON line of `POST /v1/admin/backtest`. */
export const backtestLineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), totalEvents: count }),
  z.object({ type: z.literal('progress'), events: count, totalEvents: count }),
  z.object({
    type: z.literal('result'),
    from: z.nullable(z.string()),
    to: z.nullable(z.string()),
    events: count,
    accounts: count,
    accountsWithoutClaims: count,
    expansions: count,
    neverEligibleExpansions: count,
    settings: z.object({ lookbackDays: count, outcomeDays: count, quietDays: count }),
    triggers: z.array(
      z.object({ id: z.string(), live: z.nullable(triggerFigures), draft: z.nullable(triggerFigures) }),
    ),
  }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type BacktestLine = z.output<typeof backtestLineSchema>;
/** The final line of a backtest: the comparison. */
export type AdminBacktest = Extract<BacktestLine, { type: 'result' }>;

/**
 * Reads a streamed backtest answer line by line, calling `onLine` for each valid line; resolves
 * the result line. @throws Error on an `error` line, a malformed line, or a stream without a result
 */
export async function readBacktestStream(
  body: ReadableStream<Uint8Array>,
  onLine: (line: BacktestLine) => void = () => {},
): Promise<AdminBacktest> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  let result: AdminBacktest | null = null;
  const take = (text: string) => {
    if (text.trim() === '') return;
    const parsed = backtestLineSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error('unexpected line from the backtest');
    if (parsed.data.type === 'error') throw new Error(parsed.data.message);
    if (parsed.data.type === 'result') result = parsed.data;
    onLine(parsed.data);
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pending += decoder.decode(value, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) take(line);
  }
  take(pending);
  if (result === null) throw new Error('the backtest ended without a result');
  return result;
}
