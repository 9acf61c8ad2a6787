/** How the client waits between attempts. */
export interface RetryPolicy {
  /** Retries after the first attempt. @default 3 */
  maxRetries: number;
  /** First backoff; doubles per retry. @default 250 */
  baseDelayMs: number;
  /** Longest wait, also the most of a `Retry-After` the client honours. @default 10000 */
  maxDelayMs: number;
}

/** HTTP statuses worth another attempt: timeout, rate limit, server trouble. */
export const isRetryableStatus = (status: number): boolean =>
  status === 408 || status === 429 || status >= 500;

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Wait before retry number `retry` (1-based): exponential backoff with jitter in [50 %, 100 %],
 * so many backends recovering together don't retry in lockstep; a longer `Retry-After` wins,
 * and nothing waits past `maxDelayMs`.
 */
export function retryDelay(
  retry: number,
  policy: RetryPolicy,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1)) * (0.5 + random() * 0.5);
  return Math.min(policy.maxDelayMs, Math.max(backoff, retryAfterMs ?? 0));
}
