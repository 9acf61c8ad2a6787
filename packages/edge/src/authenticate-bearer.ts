import { constantTimeEqual } from './constant-time-equal.ts';
import type { EdgeContext } from './edge-context.ts';
import { HttpError } from './http-error.ts';

/**
 * Checks a presented admin token or server key in constant time against every accepted one
 * (`[label, token]` pairs, or one token) and resolves the label of the one that matched. Failures are counted per IP
 * (`rateLimit.authFailuresPerIp`); once they run out, every attempt from that IP, right or
 * wrong, gets 429 with `Retry-After` until the bucket refills, so guessing gets nowhere.
 * @throws HttpError 401 `invalid_token`, 429 `rate_limited`
 */
export async function authenticateBearer(
  ctx: EdgeContext,
  ip: string | undefined,
  presented: string | undefined,
  expected: string | readonly (readonly [label: string, token: string])[],
  what: string,
): Promise<string> {
  const key = ip ?? 'unknown';
  const limiter = ctx.authFailureLimiter;
  const blocked = limiter?.wait(key, ctx.now()) ?? 0;
  if (blocked > 0) throw tooMany(blocked, what);
  if (presented !== undefined) {
    const accepted = typeof expected === 'string' ? [[what, expected] as const] : expected;
    // Every token is compared, so the time taken does not tell which label came close.
    const matches = await Promise.all(accepted.map(([, token]) => constantTimeEqual(presented, token)));
    const index = matches.indexOf(true);
    if (index >= 0) return accepted[index]![0];
  }
  const wait = limiter?.take(key, ctx.now()) ?? 0;
  if (wait > 0) throw tooMany(wait, what);
  throw new HttpError(401, 'invalid_token', `invalid ${what}`);
}

function tooMany(seconds: number, what: string): HttpError {
  return new HttpError(429, 'rate_limited', `too many failed ${what} attempts from this address`, undefined, {
    'Retry-After': String(seconds),
  });
}
