import type { LogLine } from './edge-options.ts';
import { createRateLimiter, type RateLimit, type RateLimiter } from './rate-limiter.ts';
import type { SharedLimitStore } from './shared-limit-store.ts';

const MAX_KEYS = 50_000;

interface Entry {
  tokens: number;
  at: number;
  pending: number;
  queued: number;
  inflight: boolean;
}

/**
 * A limiter whose buckets are shared through `store`, answering synchronously so the hot routes
 * stay free of a round trip: each decision uses the instance's own bucket and the shared bucket's
 * level as last reported by the store, less what this instance took since; what it takes is
 * sent to the store in the background (at most one command per key in flight; what is taken
 * meanwhile goes with the next). Other instances' traffic
 * is therefore seen one round trip late, so all instances together may pass a few requests past
 * the limit (one per instance and key, plus those in flight during a round trip), instead of N
 * times the limit. A store error leaves the per-instance bucket in charge and calls `onError`.
 */
export function createSharedRateLimiter(
  name: string,
  limit: RateLimit,
  store: SharedLimitStore,
  onError: (error: unknown) => void,
): RateLimiter {
  const local = createRateLimiter(limit, MAX_KEYS);
  // Per key: what the store last said, what this instance took since (sent or not), what is
  // waiting to be sent, and whether a command is in flight (at most one per key: under load the
  // takes of a round trip travel together, so commands per key stay near one per round trip).
  const known = new Map<string, Entry>();
  const due = new Set<string>();
  let scheduled = false;
  // The caller's clock (it may be injected), as of the latest take.
  let lastNow = 0;

  const entry = (key: string, nowMs: number) => {
    let e = known.get(key);
    if (e === undefined) {
      e = { tokens: limit.burst, at: nowMs, pending: 0, queued: 0, inflight: false };
      if (known.size >= MAX_KEYS) {
        const oldest = known.keys().next().value;
        if (oldest !== undefined) known.delete(oldest);
      }
      known.set(key, e);
    }
    return e;
  };
  const sharedLevel = (e: Entry, nowMs: number) =>
    Math.min(limit.burst, e.tokens + (Math.max(0, nowMs - e.at) / 1000) * limit.perSecond) - e.pending;
  const waitFor = (level: number, cost: number) =>
    level >= cost ? 0 : Math.max(1, Math.ceil((cost - level) / limit.perSecond));

  function send(key: string, e: Entry, nowMs: number): void {
    const cost = e.queued;
    e.queued = 0;
    e.inflight = true;
    const settled = () => {
      e.pending = Math.max(0, e.pending - cost);
      e.inflight = false;
      if (e.queued > 0) send(key, e, lastNow);
    };
    store.take(`${name}:${key}`, limit, nowMs, cost).then(
      (tokens) => {
        e.tokens = tokens;
        e.at = nowMs;
        settled();
      },
      (error: unknown) => {
        settled();
        onError(error);
      },
    );
  }

  function flush(nowMs: number): void {
    scheduled = false;
    for (const key of due) {
      const e = known.get(key);
      if (e && !e.inflight && e.queued > 0) send(key, e, nowMs);
    }
    due.clear();
  }

  return {
    take(key, nowMs, cost = 1) {
      lastNow = nowMs;
      const e = entry(key, nowMs);
      const shared = waitFor(sharedLevel(e, nowMs), cost);
      if (shared > 0) return Math.max(shared, local.wait(key, nowMs, cost));
      const wait = local.take(key, nowMs, cost);
      if (wait > 0) return wait;
      e.pending += cost;
      e.queued += cost;
      if (e.inflight) return 0;
      due.add(key);
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(() => flush(nowMs));
      }
      return 0;
    },
    wait(key, nowMs, cost = 1) {
      const e = known.get(key);
      const shared = e === undefined ? 0 : waitFor(sharedLevel(e, nowMs), cost);
      return Math.max(shared, local.wait(key, nowMs, cost));
    },
  };
}

/**
 * A `createLimiter` option whose limiters share their buckets through `store`, falling back to
 * per-instance buckets with one warning a minute while the store fails.
 * @example createEdgeApp({ ...options, createLimiter: sharedLimiters(myStore) })
 */
export function sharedLimiters(
  store: SharedLimitStore,
): (name: string, limit: RateLimit, log: (line: LogLine) => void) => RateLimiter {
  let failed = false;
  return (name, limit, log) =>
    createSharedRateLimiter(name, limit, store, (error) => {
      if (failed) return;
      failed = true;
      log({
        level: 'warn',
        msg: 'shared rate limits unavailable; limiting per instance',
        error: String(error),
      });
      setTimeout(() => {
        failed = false;
      }, 60_000).unref?.();
    });
}
