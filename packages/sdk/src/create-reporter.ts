import { store } from './store.ts';
import type { Diagnostics, Platform } from './types.ts';

type Counter = Exclude<keyof Diagnostics, 'lastError' | 'degraded'>;

/** The diagnostics store and the reporting helpers `createReporter` returns. */
export type Reporter = ReturnType<typeof createReporter>;

/** Diagnostics counters and the guard every public method runs behind. */
export function createReporter(platform: Pick<Platform, 'console'>, debug: boolean | undefined) {
  const $diagnostics = store<Diagnostics>({
    sent: 0,
    queued: 0,
    retried: 0,
    dropped: 0,
    evicted: 0,
    errors: 0,
  });
  const tally = (patch: Partial<Record<Counter, number>>, error?: string) => {
    const next = { ...$diagnostics.get() };
    for (const k in patch) next[k as Counter] += patch[k as Counter] as number;
    if (error !== undefined) {
      next.lastError = error;
      if (debug) platform.console?.warn?.(`[headroom] ${error}`);
    }
    $diagnostics.set(next);
  };
  const fail = (where: string, error: unknown) =>
    tally({ errors: 1 }, `${where}: ${String(error)}`.slice(0, 500));
  return {
    $diagnostics,
    tally,
    /** Counts a call dropped for invalid input. */
    drop: (call: string) => tally({ dropped: 1 }, `${call}: invalid input dropped`),
    fail,
    /** Wraps a function so a bug or garbage input never throws into the host page. */
    guard:
      <A extends unknown[], R>(fn: (...args: A) => R, fallback?: R) =>
      (...args: A): R => {
        try {
          return fn(...args);
        } catch (error) {
          fail('internal', error);
          return fallback as R;
        }
      },
  };
}
