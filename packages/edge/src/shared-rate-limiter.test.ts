import { describe, expect, it } from 'vitest';
import type { RateLimit } from './rate-limiter.ts';
import type { SharedLimitStore } from './shared-limit-store.ts';
import { createSharedRateLimiter } from './shared-rate-limiter.ts';

/** The Redis script's arithmetic, in memory. */
function memoryStore(): SharedLimitStore & { calls: number } {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const store = {
    calls: 0,
    async take(key: string, limit: RateLimit, nowMs: number, cost: number) {
      store.calls++;
      const b = buckets.get(key) ?? { tokens: limit.burst, at: nowMs };
      const refilled = Math.min(limit.burst, b.tokens + (Math.max(0, nowMs - b.at) / 1000) * limit.perSecond);
      const tokens = Math.max(-limit.burst, refilled - cost);
      buckets.set(key, { tokens, at: Math.max(nowMs, b.at) });
      return tokens;
    },
  };
  return store;
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('createSharedRateLimiter', () => {
  const limit = { burst: 20, perSecond: 0.001 };

  it('shares one bucket between instances, a round trip late at most', async () => {
    const store = memoryStore();
    const a = createSharedRateLimiter('ip', limit, store, () => {});
    const b = createSharedRateLimiter('ip', limit, store, () => {});
    let passed = 0;
    for (let i = 0; i < 30; i++) {
      if (a.take('k', 0) === 0) passed++;
      await settle();
    }
    for (let i = 0; i < 30; i++) {
      if (b.take('k', 0) === 0) passed++;
      await settle();
    }
    expect(passed).toBe(21); // the limit, plus B's first request before it heard from the store
    expect(b.wait('k', 0)).toBeGreaterThan(0);
    expect(a.take('other', 0)).toBe(0);
  });

  it('batches what one turn takes into one store call per key', async () => {
    const store = memoryStore();
    const a = createSharedRateLimiter('ip', { burst: 100, perSecond: 1 }, store, () => {});
    for (let i = 0; i < 10; i++) a.take('k', 0);
    await settle();
    expect(store.calls).toBe(1);
  });

  it('falls back to the per-instance bucket when the store fails, reporting the error', async () => {
    const errors: unknown[] = [];
    const failing: SharedLimitStore = { take: () => Promise.reject(new Error('ECONNREFUSED')) };
    const a = createSharedRateLimiter('ip', limit, failing, (e) => errors.push(e));
    let passed = 0;
    for (let i = 0; i < 30; i++) {
      if (a.take('k', 0) === 0) passed++;
      await settle();
    }
    expect(passed).toBe(20);
    expect(errors.length).toBeGreaterThan(0);
  });
});
