import type { HeadroomConfig, HeadroomEvent } from '@headroom/core';

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

/** One published configuration version. */
export interface ConfigVersion {
  version: number;
  config: HeadroomConfig;
  publishedAt: string;
  note?: string;
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

/** What the CS team receives: enough context to act without opening another tool. */
export interface HandoffPayload {
  handoffId: string;
  kind: 'route' | 'escalation';
  account: { id: string; plan: string; segment: string; seats: number; acv: number };
  userId: string | null;
  requestedPlan: string | null;
  requestedSeats: number | null;
  needs: string[];
  route: string;
  reasons: string[];
  expansionAcv: number | null;
  activeTriggers: string[];
  usage: Record<string, number>;
  firstPqlAt: string | null;
  source: string | null;
  createdAt: string;
}

/** A handoff claimed for delivery by one outbox worker. */
export interface OutboxItem {
  outboxId: string;
  handoffId: string;
  attempts: number;
  payload: HandoffPayload;
}

/** Account-level history the SDK merges with its local windows. */
export interface AccountHistory {
  gateHits: { day: string; feature: string; count: number; mine: number }[];
  invites: { day: string; sent: number; accepted: number; mine: number }[];
  firstPqlAt: string | null;
  activeTriggers: string[];
  usage: Record<string, number>;
}

/** Routing signals of one account read from stored events. */
export interface AccountSignals {
  /** First `trigger_fired` since the last trusted upgrade; ISO or null. */
  firstPqlAt: string | null;
  /** Distinct trigger ids fired within the active window. */
  activeTriggers: string[];
  /** Latest usage value per meter. */
  usage: Record<string, number>;
}

export interface ExperimentCounts {
  experimentId: string;
  variantId: string;
  exposures: number;
  conversions: number;
}

export interface FunnelRow {
  triggerId: string;
  fired: number;
  shown: number;
  clicked: number;
  routed: number;
  completed: number;
  medianMsToUpgrade: number | null;
}

/** The last verified token claims seen for an account (the store never trusts the body). */
export interface AccountSnapshot {
  accountId: string;
  plan: string;
  segment: string;
  acv: number;
  seats: number;
  seenAt: number;
}

/** An account that is a PQL: it has fired a trigger since its last trusted upgrade. */
export interface PqlAccount {
  accountId: string;
  plan: string | null;
  segment: string | null;
  acv: number | null;
  seats: number | null;
  activeTriggers: string[];
  firstPqlAt: string;
}

/**
 * Everything the edge persists. `createPgliteStorage` and `createPostgresStorage` implement
 * it over the same SQL; tests and other runtimes may supply their own.
 */
export interface Storage {
  /** Applies pending migrations; safe to call from many instances at once. */
  migrate(): Promise<void>;
  /** Stores events idempotently by id; returns the ids that were new. */
  insertEvents(events: readonly StoredEvent[]): Promise<Set<string>>;
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
  ): Promise<number>;
  accountHistory(
    accountId: string,
    userId: string,
    sinceMs: number,
    activeSinceMs: number,
  ): Promise<AccountHistory>;
  accountSignals(accountId: string, activeSinceMs: number): Promise<AccountSignals>;
  /** Creates a handoff and its outbox row once per dedupe key; returns the existing one on repeats. */
  createHandoff(
    dedupeKey: string,
    payload: HandoffPayload,
    now: number,
  ): Promise<{ handoff: Handoff; created: boolean }>;
  handoffs(limit: number): Promise<Handoff[]>;
  /** Claims due outbox items for `lockMs` so parallel workers don't deliver the same one. */
  claimOutbox(now: number, limit: number, lockMs: number): Promise<OutboxItem[]>;
  markDelivered(item: OutboxItem, now: number): Promise<void>;
  markFailed(item: OutboxItem, error: string, now: number, retryAt: number | null): Promise<void>;
  /** Outbox items not delivered yet (pending or retrying). */
  pendingOutbox(): Promise<number>;
  experimentCounts(
    experiments: Record<string, { goal: string; days: number; unit: 'account' | 'user' }>,
  ): Promise<ExperimentCounts[]>;
  funnel(sinceMs: number): Promise<{ byTrigger: FunnelRow[]; routes: Record<string, number> }>;
  pqls(activeSinceMs: number): Promise<PqlAccount[]>;
  /** Records the latest verified claims of an account (plan, segment, ACV, seats). */
  upsertAccount(snapshot: AccountSnapshot): Promise<void>;
  /** Streams stored events received at or after `sinceMs`, in id (≈ time) order, in pages. */
  exportEvents(sinceMs: number, pageSize?: number): AsyncIterable<StoredEvent[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
