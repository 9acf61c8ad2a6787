import { type AccountClaims, accountClaimsSchema } from '@headroom/core';
import { errors, jwtVerify } from 'jose';
import { HttpError } from './http-error.ts';

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
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
      clockTolerance: TOKEN_CLOCK_TOLERANCE_S,
      currentDate: new Date(nowMs),
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired)
      throw new HttpError(401, 'token_expired', 'account token expired');
    throw new HttpError(401, 'invalid_token', 'account token could not be verified');
  }
  const claims = accountClaimsSchema.safeParse(payload);
  if (!claims.success) throw new HttpError(401, 'invalid_token', 'account token claims are invalid');
  return claims.data;
}
