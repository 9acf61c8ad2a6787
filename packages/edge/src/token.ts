import { type AccountClaims, accountClaimsSchema } from '@headroom/core';
import { SignJWT } from 'jose';

/** Options for `signAccountToken`. */
export interface SignAccountTokenOptions {
  /** Lifetime: seconds, or a jose time span such as `'15m'`. @default '15m' */
  expiresIn?: number | string;
  /** Issued-at time for tests, seconds since the epoch. @default now */
  now?: number;
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
  const parsed = accountClaimsSchema.safeParse(claims);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new TypeError(`invalid account claims: ${issues.join('; ')}`);
  }
  const { exp: _exp, iat: _iat, ...payload } = parsed.data;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const expiresIn = options.expiresIn ?? '15m';
  const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(typeof expiresIn === 'number' ? now + expiresIn : expiresIn)
    .sign(key);
}
