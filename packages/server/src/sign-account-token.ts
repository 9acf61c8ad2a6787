import { type AccountClaims, accountClaimsSchema } from '@headroom/core';
import { signHs256Jwt } from './sign-hs256-jwt.ts';

/** Options for `signAccountToken`. */
export interface SignAccountTokenOptions {
  /** Lifetime: seconds, or a span such as `'90s'`, `'15m'`, `'2 hours'`, `'1d'`. @default '15m' */
  expiresIn?: number | string;
  /** Issued-at time for tests, seconds since the epoch. @default now */
  now?: number;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

// Relative to `now` (not the wall clock), so tests and replays sign deterministic tokens.
function lifetimeSeconds(expiresIn: number | string): number {
  if (typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0)
    return Math.floor(expiresIn);
  const match =
    typeof expiresIn === 'string'
      ? /^(\d+)\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)$/i.exec(expiresIn.trim())
      : null;
  const unit = match?.[2] === undefined ? undefined : UNIT_SECONDS[match[2].charAt(0).toLowerCase()];
  if (!match || unit === undefined || Number(match[1]) <= 0) {
    throw new TypeError(
      `invalid expiresIn ${JSON.stringify(expiresIn)}: use seconds or '90s', '15m', '1h', '1d'`,
    );
  }
  return Number(match[1]) * unit;
}

/** The claims a host backend signs; `exp` and `iat` are set by `signAccountToken`. */
export type AccountTokenClaims = Omit<AccountClaims, 'exp' | 'iat'>;

/**
 * Signs an account context token (HS256 JWT) for the browser SDK. Uses WebCrypto only, so it
 * runs in Node, Deno, Bun and edge runtimes. Validates the claims first.
 * @throws TypeError when a claim is invalid.
 * @example
 * const token = await signAccountToken(
 *   { sub: account.id, uid: user.id, plan: 'team', acv: 1440, segment: 'smb', seats: 10 },
 *   process.env.HEADROOM_SECRET!,
 *   { expiresIn: '15m' },
 * );
 */
export async function signAccountToken(
  claims: AccountTokenClaims,
  secret: string | Uint8Array,
  options: SignAccountTokenOptions = {},
): Promise<string> {
  // Parsing drops a "__proto__" key (it cannot be an own key of the parsed object), so the
  // token would carry other claims than the ones given: refuse it instead.
  if (Object.hasOwn(Object(Object(claims).usage), '__proto__'))
    throw new TypeError('invalid account claims: usage.__proto__: not a meter id');
  const parsed = accountClaimsSchema.safeParse(claims);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new TypeError(`invalid account claims: ${issues.join('; ')}`);
  }
  const { exp: _exp, iat: _iat, ...payload } = parsed.data;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (!Number.isFinite(now)) throw new TypeError(`invalid now ${String(now)}: use seconds since the epoch`);
  const lifetime = lifetimeSeconds(options.expiresIn ?? '15m');
  return signHs256Jwt({ ...payload, iat: now, exp: now + lifetime }, secret);
}
