import type { RateLimit } from './rate-limiter.ts';

/**
 * Token buckets shared by every instance (Redis on the Node server: `HEADROOM_REDIS_URL`). Kept
 * free of any client library so the worker entry stays small: the Node server injects one.
 */
export interface SharedLimitStore {
  /**
   * Takes `cost` from the shared bucket `key` (refilled at `limit.perSecond` up to `limit.burst`)
   * and resolves with the tokens left, negative when the bucket is overdrawn.
   */
  take(key: string, limit: RateLimit, nowMs: number, cost: number): Promise<number>;
  /** Releases the connection. */
  close?(): Promise<void>;
}
