import type { HeadroomConfig, HeadroomEvent, TriggerResult } from '@headroom/core';
import type { HandoffPayload } from '@headroom/server';

/** Where an event came from: the browser (untrusted) or the host's backend (trusted). */
export type EventSource = 'browser' | 'server';

/** One event as stored: account and user come from the verified token or the server key. */
export interface StoredEvent {
  id: string;
  accountId: string;
  userId: string | null;
  type: HeadroomEvent['type'];
  /** Event time, ms since the epoch (skew-corrected). */
  ts: number;
  receivedAt: number;
  source: EventSource;
  payload: HeadroomEvent;
}

/** The dedupe key of a stored event: (account, event id) within its source's namespace. */
export const storedEventKey = (event: Pick<StoredEvent, 'id' | 'accountId' | 'source'>): string =>
  `${event.source}|${event.accountId}|${event.id}`;

/** One published configuration version. */
export interface ConfigVersion {
  version: number;
  config: HeadroomConfig;
  publishedAt: string;
  /** Why: the publisher's message (rollbacks say which version they restore). */
  note?: string;
  /** Who: the label of the admin token that published it (absent for the initial config). */
  publishedBy?: string;
}

export type HandoffStatus = 'pending' | 'delivered' | 'failed';

/** A customer-success handoff and its delivery state. */
export interface Handoff {
  id: string;
  accountId: string;
  status: HandoffStatus;
  attempts: number;
  createdAt: string;
  deliveredAt: string | null;
  lastError: string | null;
  payload: HandoffPayload;
}

/** What the CS team receives (the webhook payload); one definition, shared with receivers. */
export type { HandoffPayload };

/** A handoff claimed for delivery by one outbox worker. */
export interface OutboxItem {
  outboxId: string;
  handoffId: string;
  attempts: number;
  payload: HandoffPayload;
}

/** Account-level history the SDK merges with its local windows (all users of the account). */
export interface AccountHistory {
  gateHits: { day: string; feature: string; count: number; mine: number }[];
  invites: { day: string; sent: number; accepted: number; mine: number }[];
  /** Daily usage peaks per meter, from every user's usage events and server usage. */
  meterHistory: Record<string, { day: string; used: number }[]>;
  /** Latest stored usage value per meter. */
  usage: Record<string, number>;
}

/** Routing signals of one account, as the edge evaluated them. */
export interface AccountSignals {
  /** Start of the current PQL episode (edge-evaluated); ISO or null. */
  firstPqlAt: string | null;
  /** Distinct trigger ids the edge evaluates as fired now. */
  activeTriggers: string[];
  /** Latest usage value per meter. */
  usage: Record<string, number>;
}

/** Where a fact about an account came from: a verified token's claims or the host's backend. */
export type FactSource = 'token' | 'server';

/** One observed fact about an account; per fact name, the newest `at` wins. */
export interface AccountFact {
  value: string | number | boolean | null;
  /** When it was observed, ms since the epoch (token `iat`, or the trait's `observedAt`). */
  at: number;
  source: FactSource;
}

/** Everything the edge knows about an account, to evaluate its triggers and eligibility. */
export interface AccountInputs {
  facts: Record<string, AccountFact>;
  /** Gated-feature hits per UTC day (every user). */
  gateHits: { day: string; feature: string; count: number }[];
  /** Invites sent per UTC day (every user). */
  invites: { day: string; count: number }[];
  /** Daily usage peaks per meter. */
  meterHistory: Record<string, { day: string; used: number }[]>;
  /** Latest usage value per meter and when it was measured (ms). */
  usage: Record<string, { value: number; at: number }>;
  /** Latest server-reported `upgrade_completed`, ms, or null. */
  lastUpgradeAt: number | null;
  /** Tracked (`custom`) events per UTC day, name and user (absent: not attributed). */
  events: { day: string; name: string; user?: string; count: number }[];
  /** Daily values of the backend's numeric traits (fact names, e.g. `employees`, `custom.nps`). */
  traitHistory: Record<string, { day: string; value: number }[]>;
}

/** What the edge concluded about an account the last time its facts changed. */
export interface AccountStateRow {
  accountId: string;
  configVersion: number;
  evaluatedAt: number;
  /** Trigger ids that fired, sorted. */
  fired: string[];
  results: TriggerResult[];
  eligible: boolean;
  reasons: string[];
  unknown: string[];
  plan: string | null;
  segment: string | null;
  acv: number | null;
  seats: number | null;
  /** Next plan's price × seats − ACV; null when unknown or unpriced (contact sales). */
  potentialAcv: number | null;
  /** Start of the current PQL episode (≥ 1 edge-evaluated trigger), ms, or null. */
  pqlSince: number | null;
  lastUpgradeAt: number | null;
}

/** An account as the PQL lists show it: a slice of its `AccountStateRow`. */
export interface PqlStateRow
  extends Pick<
    AccountStateRow,
    | 'accountId'
    | 'evaluatedAt'
    | 'fired'
    | 'eligible'
    | 'reasons'
    | 'unknown'
    | 'plan'
    | 'segment'
    | 'potentialAcv'
    | 'pqlSince'
  > {
  /** Why each fired trigger fired, by trigger id. */
  firedReasons: Record<string, string>;
}

/** One routing decision the edge made (`repeats` identical decisions folded into one row). */
export interface RouteDecisionRow {
  accountId: string;
  userId: string | null;
  plan: string;
  seats: number;
  route: string;
  reasons: string[];
  expansionAcv: number | null;
  source: string | null;
  needs: string[];
  handoffId: string | null;
  decidedAt: number;
  repeats: number;
}

/** A handoff to create unless one of the same scope is still open or the daily quota is spent. */
export interface HandoffRequest {
  /** What the handoff is about, e.g. `route:business`, `escalation`, `stalled_pql`. */
  scope: string;
  /** Unique forever: a second request with the same key returns the first handoff. */
  dedupeKey: string;
  payload: HandoffPayload;
  now: number;
  /** A handoff of the same account and scope created within this long is returned instead. */
  openMs: number;
  /** Handoffs of all scopes per account per 24 h; past it the latest one is returned. */
  maxPerDay: number;
}

/** What experiment aggregates need from the config: goal, conversion window and unit. */
export type ExperimentWindows = Record<string, { goal: string; days: number; unit: 'account' | 'user' }>;

/** A unit's exposure as ingest records it (its first one wins). */
export interface ExposureRow {
  experimentId: string;
  /** The experiment version the unit was assigned under (1 when the event named none). */
  version: number;
  unitId: string;
  accountId: string;
  variantId: string;
  /** Receive time, ms. */
  exposedAt: number;
  eventId: string;
}

export interface ExperimentCounts {
  experimentId: string;
  /** Each experiment version is counted apart. */
  version: number;
  variantId: string;
  exposures: number;
  conversions: number;
}

/**
 * One trigger's funnel, per account and in order: each step counts accounts that reached
 * the step before it first, so no step exceeds the one before.
 */
export interface FunnelRow {
  triggerId: string;
  fired: number;
  shown: number;
  clicked: number;
  routed: number;
  completed: number;
  medianMsToUpgrade: number | null;
}

/**
 * One arm of a trigger's holdout: eligible accounts whose first fire episode in the window
 * was held out (never shown the prompt) or exposed. `accounts` counts the judged ones (fired
 * at least the outcome window ago), `expanded` those with a server-reported upgrade within the
 * window after the fire, `amount` / `amountSquares` the sum and sum of squares of those
 * upgrades' amounts (0 for the rest); `pending` the episodes too recent to judge.
 */
export interface HoldoutGroupRow {
  triggerId: string;
  heldOut: boolean;
  accounts: number;
  expanded: number;
  amount: number;
  amountSquares: number;
  pending: number;
}

/**
 * What the expansion metrics are computed from, for one slice of the window (a UTC week, a
 * segment, or all of it). Distinct counts are distinct within the slice.
 */
export interface ExpansionSlice {
  /** Accounts with any non-billing event on a day of the slice. */
  activeAccounts: number;
  /** Distinct (account, user) pairs among them. */
  activeUsers: number;
  invitesSent: number;
  invitesAccepted: number;
  /** Accounts whose first eligible fire episode in the window falls in the slice. */
  pqls: number;
  /** Of those, fired at least `outcomeDays` ago. */
  pqlsJudged: number;
  /** Of the judged, with a server-reported upgrade within `outcomeDays` after the fire. */
  pqlsExpanded: number;
  /** Billing changes that raised what an account pays. */
  expansions: number;
  /** Of those, with a CS handoff for the account in the `assistDays` before. */
  csAssisted: number;
  /** Annual amount added by expansions of accounts paying at the window's start, by source. */
  seatArr: number;
  usageArr: number;
  tierArr: number;
  /** Annual amount added by accounts that paid nothing at the window's start (not in NRR). */
  newArr: number;
  /** Annual amount lost to downgrades and to cancellations, of accounts paying at the start. */
  contractionArr: number;
  churnArr: number;
  churnedAccounts: number;
  /** What accounts paid per year at the window's start, and how many paid (segments and total only). */
  startingArr: number;
  payingAccounts: number;
}

/** One trigger's PQLs in the window: each account's first eligible fire of it. */
export interface ExpansionTriggerRow {
  triggerId: string;
  pqls: number;
  judged: number;
  expanded: number;
  /** Expanded accounts whose first PQL fire in the window was this trigger's. */
  attributed: number;
  /** Median fire → upgrade of the judged expanded ones, ms. */
  medianMsToExpansion: number | null;
}

export interface ExpansionFigures {
  total: ExpansionSlice;
  /** By UTC week (its Monday, `YYYY-MM-DD`). */
  weeks: Record<string, ExpansionSlice>;
  /** By the account's segment (`unknown` when none). */
  segments: Record<string, ExpansionSlice>;
  triggers: ExpansionTriggerRow[];
}

/** The funnel by trigger, the route split from stored decisions, and routes without a click. */
export interface FunnelReport {
  byTrigger: FunnelRow[];
  /** Routing decisions made on `POST /v1/route` in the window, by route. */
  routes: Record<string, number>;
  /** Distinct accounts routed, by route. */
  routedAccounts: Record<string, number>;
  /** Accounts routed in the window without a prompt click before it ("direct"). */
  direct: number;
}

/**
 * Everything the edge persists. `createPgliteStorage` and `createPostgresStorage` implement
 * it over the same SQL; tests and other runtimes may supply their own.
 */
export interface Storage {
  /** Applies pending migrations; safe to call from many instances at once. */
  migrate(): Promise<void>;
  /**
   * Stores events idempotently by (account, id) per source and keeps `account_days` current
   * in the same statement; returns the `storedEventKey`s that were new.
   */
  insertEvents(events: readonly StoredEvent[]): Promise<Set<string>>;
  /**
   * Brings the funnel steps of these accounts' fire episodes up to date with what is stored
   * (prompts shown and clicked, server upgrades). Not part of `insertEvents`, so ingest does not
   * pay it per batch: the edge runs it with each account's evaluation (at most once a second per
   * account, settled before reports read).
   */
  keepFunnelSteps(accountIds: readonly string[]): Promise<void>;
  latestConfig(): Promise<ConfigVersion | null>;
  configVersion(version: number): Promise<ConfigVersion | null>;
  configVersions(): Promise<Omit<ConfigVersion, 'config'>[]>;
  /**
   * Publishes the next version, one publish at a time. With `ifVersion`, only when that is still
   * the latest version. @throws ConfigConflictError when it is not
   */
  publishConfig(
    config: HeadroomConfig,
    note: string | undefined,
    now: number,
    ifVersion?: number,
    publishedBy?: string,
  ): Promise<number>;
  /** Gate hits, invites (with this user's share) and daily meter peaks since `sinceMs`. */
  accountHistory(accountId: string, userId: string, sinceMs: number): Promise<AccountHistory>;
  /** Merges observed facts into the account's, the newest observation of each winning. */
  upsertFacts(accountId: string, facts: Record<string, AccountFact>, now: number): Promise<void>;
  /** The facts and daily history an account is evaluated from. */
  accountInputs(accountId: string, sinceMs: number): Promise<AccountInputs>;
  accountState(accountId: string): Promise<AccountStateRow | null>;
  /** Saves an evaluation and opens / closes trigger fire episodes. */
  saveAccountState(
    state: AccountStateRow,
    started: readonly string[],
    cleared: readonly string[],
  ): Promise<void>;
  /**
   * Accounts with facts whose state is missing, older than `before`, or from another config
   * version than `configVersion`; the most out-of-date first.
   */
  staleAccounts(before: number, configVersion: number, limit: number): Promise<string[]>;
  /** Accounts in a PQL episode, oldest episode first (an index-ordered read). */
  pqlStates(limit: number): Promise<PqlStateRow[]>;
  /** Accounts evaluated as ineligible that have fired triggers (suppressed PQLs), most signals first. */
  suppressedStates(limit: number): Promise<PqlStateRow[]>;
  /**
   * Creates a handoff and its outbox row unless the account has an open one of the same
   * scope (returned instead) or used its daily quota; atomic across instances.
   */
  createHandoff(
    request: HandoffRequest,
  ): Promise<{ handoff: Handoff | null; created: boolean; reason?: 'open' | 'duplicate' | 'quota' }>;
  recordRouteDecisions(rows: readonly RouteDecisionRow[]): Promise<void>;
  handoffs(limit: number): Promise<Handoff[]>;
  /** Claims due outbox items for `lockMs` so parallel workers don't deliver the same one. */
  claimOutbox(now: number, limit: number, lockMs: number): Promise<OutboxItem[]>;
  markDelivered(item: OutboxItem, now: number): Promise<void>;
  markFailed(item: OutboxItem, error: string, now: number, retryAt: number | null): Promise<void>;
  /** Outbox items not delivered yet (pending or retrying). */
  pendingOutbox(): Promise<number>;
  /** Exposures and conversions per experiment and variant, from `experiment_units`. */
  experimentCounts(experiments: ExperimentWindows): Promise<ExperimentCounts[]>;
  /** Records first exposures (by receive time, then event id) of newly stored exposure events. */
  recordExposures(rows: readonly ExposureRow[], experiments: ExperimentWindows): Promise<void>;
  /** Updates the conversions of the units a batch of newly stored server goal events may convert. */
  recordConversions(
    goals: readonly { accountId: string; userId: string | null; name: string }[],
    experiments: ExperimentWindows,
  ): Promise<void>;
  /**
   * Recomputes every aggregate (`account_days`, `experiment_units`, funnel steps, prompt click
   * days) from the raw events, in one transaction: the same answer ingest keeps incrementally.
   * After `pruneEvents`, what deleted events gave is kept: days before the horizon, units whose
   * first exposure is gone, funnel steps (which then only move earlier). Clears any pending rebuild.
   */
  rebuildAggregates(experiments: ExperimentWindows): Promise<void>;
  /**
   * Deletes up to `limit` browser events dated before `before` (ms; a UTC midnight), oldest
   * first, and records that horizon so a rebuild keeps what they gave. Aggregates, fire
   * episodes, decisions and server events stay. Resolves how many were deleted. Optional: a
   * storage without it keeps every event.
   */
  pruneEvents?(before: number, limit: number): Promise<number>;
  /**
   * One page of accounts with their merged facts, in account id order after `after` (`''` for
   * the first page). Optional: the impact preview and the backtest need it.
   */
  accountFacts?(
    after: string,
    limit: number,
  ): Promise<{ accountId: string; facts: Record<string, AccountFact> }[]>;
  /** Every server-reported `upgrade_completed`, oldest first: the expansions a backtest judges by. */
  serverUpgrades?(): Promise<{ accountId: string; ts: number; plan?: string; amount?: number }[]>;
  /** How many events are stored and the earliest event time (ms), for a backtest's progress. */
  eventSpan?(): Promise<{ events: number; firstTs: number | null }>;
  /** Whether a migration left a rebuild for the next start (it needs the config). */
  pendingRebuild(): Promise<boolean>;
  funnel(sinceMs: number): Promise<FunnelReport>;
  /** Trigger holdout arms from fire episodes since `sinceMs`, judged when fired before `judgedBeforeMs`. */
  holdoutGroups(sinceMs: number, judgedBeforeMs: number, outcomeDays: number): Promise<HoldoutGroupRow[]>;
  /**
   * What the expansion metrics are computed from, since `sinceMs`: PQLs judged when fired before
   * `judgedBeforeMs` and expanded within `outcomeDays`; an expansion is CS-assisted when the
   * account had a handoff in the `assistDays` before it.
   */
  expansionFigures(
    sinceMs: number,
    judgedBeforeMs: number,
    outcomeDays: number,
    assistDays: number,
  ): Promise<ExpansionFigures>;
  /** Streams stored events received at or after `sinceMs`, in id (≈ time) order, in pages. */
  exportEvents(sinceMs: number, pageSize?: number): AsyncIterable<StoredEvent[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
