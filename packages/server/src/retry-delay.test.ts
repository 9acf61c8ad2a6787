import { describe, expect, it } from 'vitest';
import { isRetryableStatus, parseRetryAfter, retryDelay } from './retry-delay.ts';

const policy = { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 10_000 };

describe('retry policy', () => {
  it('retries timeouts, rate limits and server errors, not client errors', () => {
    expect([408, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 413].some(isRetryableStatus)).toBe(false);
  });

  it('backs off exponentially with jitter between half and all of the step, capped', () => {
    expect(retryDelay(1, policy, undefined, () => 0)).toBe(125);
    expect(retryDelay(1, policy, undefined, () => 1)).toBe(250);
    expect(retryDelay(3, policy, undefined, () => 1)).toBe(1000);
    expect(retryDelay(30, policy, undefined, () => 1)).toBe(10_000);
  });

  it('waits at least what Retry-After asks, but never past the cap', () => {
    expect(retryDelay(1, policy, 2000, () => 1)).toBe(2000);
    expect(retryDelay(1, policy, 120_000, () => 1)).toBe(10_000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2026, 11, 3, 12);
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(new Date(now + 5000).toUTCString(), now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
