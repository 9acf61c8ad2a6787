import { type AccountClaims, accountClaimsSchema } from '@headroom/core';
import { HttpError } from './http-error.ts';
import { verifyHs256Jwt } from './verify-hs256-jwt.ts';

/** Seconds of clock skew tolerated on `exp`/`iat`/`nbf` between the host backend and the edge. */
export const TOKEN_CLOCK_TOLERANCE_S = 30;

/** Imports an HS256 secret once, so each verification skips the key import. */
export function importTokenKey(secret: string | Uint8Array): Promise<CryptoKey> {
  const raw = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  return crypto.subtle.importKey(
    'raw',
    raw as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
}

/**
 * Verifies an account token: HS256 only (`alg: none` and every other algorithm are
 * rejected), `exp` required, claims validated with `accountClaimsSchema`.
 * @throws HttpError 401 `invalid_token` or `token_expired`.
 */
export async function verifyAccountToken(
  token: unknown,
  key: CryptoKey,
  nowMs: number,
): Promise<AccountClaims> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 8192) {
    throw new HttpError(401, 'invalid_token', 'missing or malformed account token');
  }
  const clock = { nowSeconds: Math.floor(nowMs / 1000), toleranceSeconds: TOKEN_CLOCK_TOLERANCE_S };
  // A key WebCrypto refuses is refused like a bad token: 401, never 5xx.
  const verification = await verifyHs256Jwt(token, key, clock).catch(() => undefined);
  if (verification?.ok !== true) {
    if (verification?.reason === 'expired')
      throw new HttpError(401, 'token_expired', 'account token expired');
    throw new HttpError(401, 'invalid_token', 'account token could not be verified');
  }
  const claims = accountClaimsSchema.safeParse(verification.claims);
  if (!claims.success) throw new HttpError(401, 'invalid_token', 'account token claims are invalid');
  return claims.data;
}
