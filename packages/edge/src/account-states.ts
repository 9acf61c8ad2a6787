import { DAY_MS } from '@headroom/core';
import { type AccountEvaluation, evaluateAccount, historyDays } from './evaluate-account.ts';
import type { AccountStateRow, ConfigVersion, Storage } from './storage/storage.ts';

/** How long this instance trusts an account state it loaded; other instances' writes show up after it. */
const STATE_CACHE_MS = 30_000;
const MAX_CACHE = 10_000;
/** Time alone changes state (windows age, activation matures, a PQL stalls): re-evaluate this often. */
export const STATE_MAX_AGE_MS = 60 * 60 * 1000;

/** Per-account state the edge evaluates from facts it holds; see `evaluateAccount`. */
export interface AccountStates {
  /**
   * Re-evaluates the account from its stored facts and saves the result. Calls for one
   * account while a run is under way share a single follow-up run, so a burst of batches costs
   * at most two evaluations, and every caller's facts are in the one it awaits.
   */
  refresh(accountId: string): Promise<AccountEvaluation | null>;
  /**
   * Re-evaluates the account soon, in the background: at most once per second per account
   * (a burst of batches costs one evaluation a second, not one per batch). Failures are logged.
   */
  schedule(accountId: string): void;
  /**
   * Like `schedule`, and the account's funnel steps are brought up to date with its
   * evaluation (a batch stored prompts shown or clicked, or a server upgrade).
   */
  scheduleFunnel(accountId: string): void;
  /**
   * Runs what is scheduled (for one account, or all) now and waits for it: reports and
   * `/v1/account` call it, so a reader sees every batch this instance acknowledged.
   */
  settle(accountId?: string): Promise<void>;
  /**
   * The cached or stored state, without evaluating (the route's read: one query at most). An
   * account with facts but no state yet is evaluated by its next event batch or the sweep.
   */
  peek(accountId: string): Promise<AccountStateRow | null>;
  /** The stored state (cached for 30 s); evaluated first when the account has none. */
  get(accountId: string): Promise<AccountStateRow | null>;
  /**
   * The cached state while fresh (null: the account has no facts yet), without a promise (hot
   * path); undefined while an evaluation of the account is pending on this instance.
   */
  fresh(accountId: string): AccountStateRow | null | undefined;
  /** Re-evaluates up to `limit` accounts whose state is stale or from an older config; returns them. */
  sweep(limit?: number): Promise<AccountEvaluation[]>;
}

interface Deps {
  storage: Storage;
  now: () => number;
  config: () => Promise<ConfigVersion>;
  /** Runs after every evaluation (escalations); failures are the callee's to log. */
  onEvaluated: (evaluation: AccountEvaluation) => Promise<void>;
  onError: (accountId: string, error: unknown) => void;
}

/** Scheduled evaluations of one account are at least this far apart. */
const MIN_INTERVAL_MS = 1000;
/** An unchanged state is written at most this often (its results' values still move). */
const REWRITE_UNCHANGED_MS = 5 * 60 * 1000;

/** Whether two evaluations differ in anything a report or an escalation reads. */
function changed(before: AccountStateRow | null, after: AccountStateRow): boolean {
  if (!before) return true;
  const { evaluatedAt: _a, results: _r, ...rest } = after;
  const { evaluatedAt: _b, results: _s, ...was } = before;
  return JSON.stringify(rest) !== JSON.stringify(was);
}

export function createAccountStates({ storage, now, config, onEvaluated, onError }: Deps): AccountStates {
  const cache = new Map<string, { at: number; state: AccountStateRow | null }>();
  // What this instance last wrote per account (to skip rewriting an unchanged state).
  const storedAt = new Map<string, AccountStateRow>();
  const running = new Map<
    string,
    { run: Promise<AccountEvaluation | null>; next?: Promise<AccountEvaluation | null> }
  >();
  // Background work: timers waiting out the interval, and evaluations started by them.
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const lastStart = new Map<string, number>();
  const background = new Set<Promise<unknown>>();
  // Accounts whose funnel steps wait for their next evaluation.
  const funnelDirty = new Set<string>();
  // Accounts whose evaluation has started but read nothing yet: whatever is stored now is in
  // it, so scheduling again would only run the same evaluation twice.
  const unread = new Set<string>();
  const monotonic = () => performance.now();

  const cachedState = (accountId: string) => {
    const hit = cache.get(accountId);
    return hit && now() - hit.at < STATE_CACHE_MS ? hit.state : undefined;
  };

  function start(accountId: string): void {
    const run = states.refresh(accountId).catch((error: unknown) => onError(accountId, error));
    background.add(run);
    void run.finally(() => background.delete(run));
  }

  const remember = (accountId: string, state: AccountStateRow | null) => {
    if (cache.size >= MAX_CACHE && !cache.has(accountId)) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) {
        cache.delete(oldest);
        storedAt.delete(oldest);
        lastStart.delete(oldest);
      }
    }
    cache.set(accountId, { at: now(), state });
  };

  async function evaluate(accountId: string): Promise<AccountEvaluation | null> {
    unread.add(accountId);
    let loaded: ConfigVersion;
    try {
      loaded = await config();
    } finally {
      unread.delete(accountId);
    }
    const { config: current, version } = loaded;
    const t = now();
    lastStart.set(accountId, monotonic());
    // Taken before the work, so a batch stored meanwhile marks the account again.
    if (funnelDirty.delete(accountId)) await storage.keepFunnelSteps([accountId]);
    const cached = cachedState(accountId);
    const [inputs, previous] = await Promise.all([
      storage.accountInputs(accountId, t - historyDays(current) * DAY_MS),
      cached === undefined ? storage.accountState(accountId) : cached,
    ]);
    if (Object.keys(inputs.facts).length === 0) {
      remember(accountId, null);
      return null;
    }
    const evaluation = evaluateAccount(accountId, current, version, inputs, previous, t);
    const stored = cached === undefined ? previous : (storedAt.get(accountId) ?? previous);
    if (
      changed(stored, evaluation.state) ||
      evaluation.started.length + evaluation.cleared.length > 0 ||
      t - (stored?.evaluatedAt ?? 0) >= REWRITE_UNCHANGED_MS
    ) {
      await storage.saveAccountState(evaluation.state, evaluation.started, evaluation.cleared);
      storedAt.set(accountId, evaluation.state);
    }
    remember(accountId, evaluation.state);
    await onEvaluated(evaluation);
    return evaluation;
  }

  const states: AccountStates = {
    refresh(accountId) {
      const current = running.get(accountId);
      if (current) {
        // A run is under way and may have read the facts before the caller's arrived.
        current.next ??= current.run.catch(() => null).then(() => states.refresh(accountId));
        return current.next;
      }
      const entry: { run: Promise<AccountEvaluation | null>; next?: Promise<AccountEvaluation | null> } = {
        run: evaluate(accountId),
      };
      running.set(accountId, entry);
      const done = () => {
        if (running.get(accountId) === entry) running.delete(accountId);
      };
      entry.run.then(done, done);
      return entry.run;
    },

    schedule(accountId) {
      if (timers.has(accountId) || unread.has(accountId)) return;
      const wait = (lastStart.get(accountId) ?? Number.NEGATIVE_INFINITY) + MIN_INTERVAL_MS - monotonic();
      if (wait <= 0 && !running.has(accountId)) {
        start(accountId);
        return;
      }
      const timer = setTimeout(
        () => {
          timers.delete(accountId);
          start(accountId);
        },
        Math.max(wait, 0),
      );
      // A pending evaluation must not keep a Node process alive on its own.
      (timer as { unref?: () => void }).unref?.();
      timers.set(accountId, timer);
    },

    scheduleFunnel(accountId) {
      funnelDirty.add(accountId);
      states.schedule(accountId);
    },

    async settle(accountId) {
      for (const [id, timer] of timers) {
        if (accountId !== undefined && id !== accountId) continue;
        clearTimeout(timer);
        timers.delete(id);
        start(id);
      }
      const pending =
        accountId === undefined ? [...background] : [...background, running.get(accountId)?.run];
      await Promise.all(pending.map((p) => p?.catch(() => {})));
      // A follow-up run may have been queued behind the one awaited.
      const follow = accountId === undefined ? undefined : running.get(accountId);
      if (follow) await follow.run.catch(() => {});
    },

    async peek(accountId) {
      if (timers.has(accountId) || running.has(accountId)) await states.settle(accountId);
      const hit = states.fresh(accountId);
      if (hit !== undefined) return hit;
      const stored = await storage.accountState(accountId);
      remember(accountId, stored);
      return stored;
    },

    async get(accountId) {
      const hit = states.fresh(accountId);
      if (hit !== undefined) return hit;
      const stored = await storage.accountState(accountId);
      if (stored) {
        remember(accountId, stored);
        return stored;
      }
      return (await states.refresh(accountId))?.state ?? null;
    },

    fresh(accountId) {
      // Not while an evaluation of the account is pending here: the caller awaits it instead.
      return timers.has(accountId) || running.has(accountId) ? undefined : cachedState(accountId);
    },

    async sweep(limit = 500) {
      const { version } = await config();
      const ids = await storage.staleAccounts(now() - STATE_MAX_AGE_MS, version, limit);
      const done: AccountEvaluation[] = [];
      for (const id of ids) {
        const evaluation = await states.refresh(id);
        if (evaluation) done.push(evaluation);
      }
      return done;
    },
  };
  return states;
}
