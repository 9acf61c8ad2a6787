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
  /** The stored state (cached for 30 s); evaluated first when the account has none. */
  get(accountId: string): Promise<AccountStateRow | null>;
  /** The cached state while fresh (null: the account has no facts yet), without a promise (hot path). */
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
}

export function createAccountStates({ storage, now, config, onEvaluated }: Deps): AccountStates {
  const cache = new Map<string, { at: number; state: AccountStateRow | null }>();
  const running = new Map<
    string,
    { run: Promise<AccountEvaluation | null>; next?: Promise<AccountEvaluation | null> }
  >();

  const remember = (accountId: string, state: AccountStateRow | null) => {
    if (cache.size >= MAX_CACHE && !cache.has(accountId)) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(accountId, { at: now(), state });
  };

  async function evaluate(accountId: string): Promise<AccountEvaluation | null> {
    const { config: current, version } = await config();
    const t = now();
    const [inputs, previous] = await Promise.all([
      storage.accountInputs(accountId, t - historyDays(current) * DAY_MS),
      storage.accountState(accountId),
    ]);
    if (Object.keys(inputs.facts).length === 0) {
      remember(accountId, null);
      return null;
    }
    const evaluation = evaluateAccount(accountId, current, version, inputs, previous, t);
    await storage.saveAccountState(evaluation.state, evaluation.started, evaluation.cleared);
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
      const hit = cache.get(accountId);
      return hit && now() - hit.at < STATE_CACHE_MS ? hit.state : undefined;
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
