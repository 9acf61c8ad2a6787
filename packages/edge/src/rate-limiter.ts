/** Token-bucket settings: `burst` requests at once, refilled at `perSecond`. */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

/** The limits used when `rateLimit` leaves one out. */
export const DEFAULT_LIMITS = {
  perIp: { burst: 600, perSecond: 200 },
  perAccount: { burst: 600, perSecond: 200 },
  // ~5,100 events/s from one token were stored before there was a quota.
  eventsPerAccount: { burst: 5000, perSecond: 1000 },
  // Guessing the admin token or server key: 10 tries, then one per 10 s.
  authFailuresPerIp: { burst: 10, perSecond: 0.1 },
} as const satisfies Record<string, RateLimit>;

/** A keyed token bucket with bounded memory (least recently used keys are dropped). */
export interface RateLimiter {
  /** Takes `cost` tokens for `key`; returns 0 when allowed, else seconds until it would be. */
  take(key: string, nowMs: number, cost?: number): number;
  /** Seconds until `cost` tokens would be there for `key`, without taking any (0: now). */
  wait(key: string, nowMs: number, cost?: number): number;
}

// Recency is tracked to the second: moving a key to the back of the map on every request
// (delete + set) costs more than the rest of the bucket arithmetic on the hot path.
const MOVE_AFTER_MS = 1000;

/**
 * Creates a token-bucket limiter holding at most `maxKeys` buckets; past that the least
 * recently used key (to the second) is dropped and starts over with a full bucket.
 */
export function createRateLimiter(limit: RateLimit, maxKeys = 50_000): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number; movedAt: number }>();
  return {
    take(key, nowMs, cost = 1) {
      let bucket = buckets.get(key);
      if (bucket) {
        bucket.tokens = Math.min(limit.burst, bucket.tokens + ((nowMs - bucket.at) / 1000) * limit.perSecond);
        bucket.at = nowMs;
        if (nowMs - bucket.movedAt >= MOVE_AFTER_MS) {
          buckets.delete(key);
          buckets.set(key, bucket);
          bucket.movedAt = nowMs;
        }
      } else {
        bucket = { tokens: limit.burst, at: nowMs, movedAt: nowMs };
        if (buckets.size >= maxKeys) {
          const oldest = buckets.keys().next().value;
          if (oldest !== undefined) buckets.delete(oldest);
        }
        buckets.set(key, bucket);
      }
      if (bucket.tokens >= cost) {
        bucket.tokens -= cost;
        return 0;
      }
      return Math.max(1, Math.ceil((cost - bucket.tokens) / limit.perSecond));
    },
    wait(key, nowMs, cost = 1) {
      const bucket = buckets.get(key);
      if (!bucket) return 0;
      const tokens = Math.min(limit.burst, bucket.tokens + ((nowMs - bucket.at) / 1000) * limit.perSecond);
      return tokens >= cost ? 0 : Math.max(1, Math.ceil((cost - tokens) / limit.perSecond));
    },
  };
}
