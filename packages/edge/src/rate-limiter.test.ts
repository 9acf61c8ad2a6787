import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.ts';

describe('createRateLimiter', () => {
  it('allows a burst, then asks to wait until the bucket refills', () => {
    const limiter = createRateLimiter({ burst: 3, perSecond: 1 });
    expect([0, 0, 0].map(() => limiter.take('a', 0))).toEqual([0, 0, 0]);
    expect(limiter.take('a', 0)).toBe(1);
    expect(limiter.take('b', 0)).toBe(0);
    expect(limiter.take('a', 1000)).toBe(0);
    expect(limiter.take('a', 1000, 5)).toBeGreaterThan(1);
  });

  it('keeps memory bounded by dropping the least recently used key', () => {
    const limiter = createRateLimiter({ burst: 1, perSecond: 0.001 }, 2);
    limiter.take('a', 0);
    limiter.take('b', 0);
    limiter.take('c', 0); // evicts a
    expect(limiter.take('a', 0)).toBe(0); // a starts over with a full bucket
    expect(limiter.take('c', 0)).toBeGreaterThan(0);
  });

  it('counts a key used again a second later as recent, so the idle key is dropped instead', () => {
    const limiter = createRateLimiter({ burst: 1, perSecond: 0.0001 }, 2);
    limiter.take('a', 0);
    limiter.take('b', 0);
    expect(limiter.take('a', 1000)).toBeGreaterThan(0); // a is used (and limited) again
    limiter.take('c', 1000); // evicts b, the least recently used
    expect(limiter.take('a', 1000)).toBeGreaterThan(0); // a kept its empty bucket
    expect(limiter.take('b', 1000)).toBe(0); // b starts over
  });
});
