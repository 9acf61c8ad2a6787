import type {
  AccountClaims,
  Assignment,
  CopyConfig,
  HeadroomConfig,
  MeterState,
  Route,
  RouteDecision,
  Surface,
  TriggerResult,
} from '@headroom/core';
import type { ReadableStore } from './store.ts';

/** A token, or a function that returns a fresh one (called again after a 401). */
export type TokenSource = string | (() => string | Promise<string>);

/** Async key-value storage the SDK persists its queue, windows and fatigue counters in. */
export interface PlatformStorage {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

/**
 * Everything the SDK takes from its host environment. Injected so the SDK is SSR-safe and
 * testable; `browserPlatform()` builds the lazy browser defaults.
 */
export interface Platform {
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  /** Wall clock, ms since the epoch. */
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  storage: PlatformStorage;
  /** Best-effort send while the page unloads; false when the browser refused. */
  sendBeacon?: ((url: string, body: string) => boolean) | undefined;
  /** Calls `fn` when the page is hidden or unloading; returns an unsubscribe. */
  onHidden?: ((fn: () => void) => () => void) | undefined;
  /**
   * Synchronous storage (localStorage) for the ledger's last marks while the page unloads,
   * when an IndexedDB write could not finish; it may throw (sandboxed iframes, blocked cookies).
   */
  journal?: (() => Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>) | undefined;
  /** Calls `fn` when the network comes back; returns an unsubscribe. */
  onOnline?: ((fn: () => void) => () => void) | undefined;
  /**
   * Runs `fn` while holding a cross-tab lock (Web Locks, or a storage lease);
   * resolves `false` without running when another tab holds it.
   */
  withLock?: ((name: string, fn: () => Promise<void>) => Promise<boolean>) | undefined;
  /** Cross-tab notifications (BroadcastChannel / storage events). */
  broadcast?: ((channel: string, onMessage: (data: unknown) => void) => BroadcastLink) | undefined;
  random?: (() => number) | undefined;
  console?: Pick<Console, 'warn' | 'error' | 'info'> | undefined;
}

export interface BroadcastLink {
  post(data: unknown): void;
  close(): void;
}

export interface HeadroomOptions {
  /** Base URL of the Headroom edge endpoint, e.g. `https://headroom.example.com`. */
  endpoint: string;
  /** Account context token signed by your backend (JWT), or a function returning one. */
  token: TokenSource;
  /** An inline configuration; when absent the SDK fetches `GET /v1/config`. */
  config?: HeadroomConfig | undefined;
  /** Overrides for the host environment (tests, SSR, React Native …). */
  platform?: Partial<Platform> | undefined;
  /** Explains dropped calls and retries in the console. @default false */
  debug?: boolean | undefined;
  /** Events before `consent(true)`: held until consent, or dropped. @default 'hold' */
  beforeConsent?: 'hold' | 'drop' | undefined;
  /** Whether consent is already given (e.g. no consent regime applies). @default true */
  consent?: boolean | undefined;
  /** Max bytes of the persisted queue; the oldest events are evicted first. @default 1_000_000 */
  maxQueueBytes?: number | undefined;
  /** Events per request (at most 100, the endpoint's limit); a full batch is sent at once. @default 50 */
  batchSize?: number | undefined;
  /** Longest an event waits before its batch is sent. @default 5000 */
  flushIntervalMs?: number | undefined;
  /** Exponential backoff with jitter after a failed send. @default { baseMs: 1000, maxMs: 60000 } */
  retry?: { baseMs?: number | undefined; maxMs?: number | undefined } | undefined;
}

/** A meter bound to the SDK. */
export interface MeterHandle {
  /** Adds to the current usage (negative to release). */
  add(n: number): void;
  /** Sets the current usage. */
  set(value: number): void;
  /** Usage against the plan's limit. */
  readonly $: ReadableStore<MeterState>;
}

/** A gated feature bound to the SDK. */
export interface GateHandle {
  /** True when the plan includes the feature; records a gate hit when it does not. */
  check(): boolean;
  /** Records a gate hit without asking (e.g. the user clicked a locked control). */
  hit(): void;
  /** Whether the plan includes the feature (no side effect). */
  readonly $: ReadableStore<boolean>;
  /** First plan on the upgrade path that unlocks the feature, or null. */
  readonly unlockedBy: ReadableStore<string | null>;
}

/** Raw values a prompt's copy is filled with; widgets format them for the locale. */
export interface PromptContext {
  /** Meter id that fired, for usage prompts. */
  meter?: string | undefined;
  used?: number | undefined;
  limit?: number | null | undefined;
  ratio?: number | undefined;
  /** Current plan id and the plan the CTA upgrades to. */
  plan: string;
  nextPlan: string | null;
  /** The next plan's limit for `meter` (null = unlimited). */
  nextLimit?: number | null | undefined;
  /** Gated feature, for tier prompts. */
  feature?: string | undefined;
  /** A count for the copy, e.g. distinct gated features hit. */
  count?: number | undefined;
}

/** The prompt a surface should show now. */
export interface ActivePrompt {
  /** Prompt id (its key under `prompts` in the config). */
  id: string;
  surface: Surface;
  /** Trigger that asked for it. */
  trigger: TriggerResult;
  /** Copy templates: the prompt's own, or the assigned experiment variant's. */
  copy: CopyConfig;
  context: PromptContext;
  /** Experiment assignment when the copy comes from an experiment. */
  experiment?: Assignment | undefined;
}

export interface UpgradeRequest {
  plan: string;
  seats?: number | undefined;
  needs?: readonly string[] | undefined;
  /** Where the click came from, e.g. a prompt id. */
  source?: string | undefined;
}

export interface Handoff {
  id: string;
  message: string;
  bookingUrl?: string | undefined;
}

/** The edge's answer to an upgrade: the route, and where to send the user. */
export interface UpgradeDecision extends RouteDecision {
  route: Route;
  /** Checkout link for self-serve routes. */
  checkoutUrl?: string | undefined;
  /** The customer-success handoff for assisted and CS routes. */
  handoff?: Handoff | undefined;
}

/** Counters that make silent failure visible. */
export interface Diagnostics {
  /** Events accepted by the endpoint. */
  sent: number;
  /** Events waiting in the queue. */
  queued: number;
  /**
   * Queued events tracked under another account than the current token's: kept (within
   * `maxQueueBytes`) until a token of their account is back, never sent with this one.
   */
  otherAccount?: number | undefined;
  /** Delivery attempts retried after a failure. */
  retried: number;
  /** Calls or events dropped (invalid input, rejected by the endpoint). */
  dropped: number;
  /** Events evicted from a full queue (oldest first). */
  evicted: number;
  /** Errors reported by widgets or caught inside the SDK. */
  errors: number;
  /**
   * What fell back, reported once each: `storage` (writes refused: events kept in memory while
   * the page lives), `locks` (the cross-tab lock threw: sending without it).
   */
  degraded?: Array<'storage' | 'locks'> | undefined;
  /**
   * The most recent problem, raw, for display in debug tools (`account: 401`, `config: invalid`).
   * Why account data or the config is unknown, in words to act on: `explainUnknown` from the
   * optional `@headroom/sdk/diagnose` entry.
   */
  lastError?: string | undefined;
}

export interface DiagnosticsHandle {
  readonly $: ReadableStore<Diagnostics>;
  /** Reports an error from a widget or integration without throwing. */
  report(error: unknown, context?: string): void;
}

/** Lifecycle of the SDK. */
export type HeadroomStatus = 'loading' | 'ready' | 'offline' | 'shutdown';

/** The object `createHeadroom` returns. No method throws into the host page. */
export interface Headroom {
  meter(id: string): MeterHandle;
  gate(feature: string): GateHandle;
  readonly invites: {
    sent(invite: { inviteId: string; channel?: string | undefined }): void;
    accepted(invite: { inviteId: string }): void;
    /** Whether an invite nudge may show in this context now (frequency-capped). */
    canNudge(context: string): boolean;
    /** Records that a nudge was shown / dismissed, for its frequency cap. */
    nudgeShown(context: string): void;
    nudgeDismissed(context: string): void;
  };
  track(name: string, props?: Record<string, string | number | boolean | null>): void;
  readonly triggers: { readonly $: ReadableStore<TriggerResult[]> };
  readonly prompts: {
    /** The prompt a surface should show now, or null. */
    current(surface: Surface): ReadableStore<ActivePrompt | null>;
    /** Call when a prompt is actually on screen: counts fatigue and logs the exposure once. */
    shown(promptId: string): void;
    dismiss(promptId: string): void;
    clicked(promptId: string): void;
  };
  /** The unit's variant; logs one exposure per unit. */
  experiment(id: string): Assignment | null;
  /** Asks the edge how to route an upgrade; never navigates. Rejects when it cannot decide. */
  upgrade(request: UpgradeRequest): Promise<UpgradeDecision>;
  /** The active configuration, or null until one is known. */
  readonly config: { readonly $: ReadableStore<HeadroomConfig | null> };
  /** Claims decoded from the token (display only; the edge verifies them). */
  readonly account: {
    readonly $: ReadableStore<AccountClaims | null>;
    /**
     * `GET /v1/account`'s answer as it arrived (not validated), undefined until then. Read it
     * through a reader that validates it, e.g. `meterForecast` from `@headroom/sdk/forecast`.
     */
    readonly body?: unknown;
  };
  readonly status: { readonly $: ReadableStore<HeadroomStatus> };
  readonly diagnostics: DiagnosticsHandle;
  /** Resolves when config and account state are loaded (or the SDK gave up waiting). */
  ready(): Promise<void>;
  /** Sends queued events now. */
  flush(): Promise<void>;
  consent(granted: boolean): void;
  /** Flushes and stops timers and listeners. */
  shutdown(): Promise<void>;
}
