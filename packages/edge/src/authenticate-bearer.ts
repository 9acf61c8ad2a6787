import { constantTimeEqual } from './constant-time-equal.ts';
import type { EdgeContext } from './edge-context.ts';
import { HttpError } from './http-error.ts';

/**
 * Checks a presented admin token or server key in constant time. Failures are counted per IP
 * (`rateLimit.authFailuresPerIp`); once they run out, every attempt from that IP, right or
 * wrong, gets 429 with `Retry-After` until the bucket refills, so guessing gets nowhere.
 * @throws HttpError 401 `invalid_token`, 429 `rate_limited`
 */
export async function authenticateBearer(
  ctx: EdgeContext,
  ip: string | undefined,
  presented: string | undefined,
  expected: string,
  what: string,
): Promise<void> {
  const key = ip ?? 'unknown';
  const limiter = ctx.authFailureLimiter;
  const blocked = limiter?.wait(key, ctx.now()) ?? 0;
  if (blocked > 0) throw tooMany(blocked, what);
  if (presented !== undefined && (await constantTimeEqual(presented, expected))) return;
  const wait = limiter?.take(key, ctx.now()) ?? 0;
  if (wait > 0) throw tooMany(wait, what);
  throw new HttpError(401, 'invalid_token', `invalid ${what}`);
}

function tooMany(seconds: number, what: string): HttpError {
  return new HttpError(429, 'rate_limited', `too many failed ${what} attempts from this address`, undefined, {
    'Retry-After': String(seconds),
  });
}
