import { createRateLimiter, type RateLimit, type RateLimiter } from './rate-limiter.ts';
import type { SharedLimitStore } from './shared-limit-store.ts';

const MAX_KEYS = 50_000;

/**
 * A limiter whose buckets are shared through `store`, answering synchronously so the hot routes
 * stay free of a round trip: each decision uses the instance's own bucket and the shared bucket's
 * level as last reported by the store, less what this instance took since; what it takes is
 * sent to the store in the background (one command per key per turn). Other instances' traffic
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
  // What the store last said about a key, and what this instance took since (not yet answered).
  const known = new Map<string, { tokens: number; at: number; pending: number }>();
  const queued = new Map<string, number>();
  let scheduled = false;

  const entry = (key: string, nowMs: number) => {
    let e = known.get(key);
    if (e === undefined) {
      e = { tokens: limit.burst, at: nowMs, pending: 0 };
      if (known.size >= MAX_KEYS) {
        const oldest = known.keys().next().value;
        if (oldest !== undefined) known.delete(oldest);
      }
      known.set(key, e);
    }
    return e;
  };
  const sharedLevel = (e: { tokens: number; at: number; pending: number }, nowMs: number) =>
    Math.min(limit.burst, e.tokens + (Math.max(0, nowMs - e.at) / 1000) * limit.perSecond) - e.pending;
  const waitFor = (level: number, cost: number) =>
    level >= cost ? 0 : Math.max(1, Math.ceil((cost - level) / limit.perSecond));

  function flush(nowMs: number): void {
    scheduled = false;
    for (const [key, cost] of queued) {
      const e = entry(key, nowMs);
      store.take(`${name}:${key}`, limit, nowMs, cost).then(
        (tokens) => {
          e.tokens = tokens;
          e.at = nowMs;
          e.pending = Math.max(0, e.pending - cost);
        },
        (error: unknown) => {
          e.pending = Math.max(0, e.pending - cost);
          onError(error);
        },
      );
    }
    queued.clear();
  }

  return {
    take(key, nowMs, cost = 1) {
      const e = entry(key, nowMs);
      const shared = waitFor(sharedLevel(e, nowMs), cost);
      if (shared > 0) return Math.max(shared, local.wait(key, nowMs, cost));
      const wait = local.take(key, nowMs, cost);
      if (wait > 0) return wait;
      e.pending += cost;
      queued.set(key, (queued.get(key) ?? 0) + cost);
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
