// The account-token verifier as it was before the WebCrypto rewrite (jose's jwtVerify with
// the same options, then the claims schema), kept as an independent reference: the tests
// check that our verifier answers every token the way this one does, or more strictly, and
// the throughput bench races the two.
import { type AccountClaims, accountClaimsSchema } from '@headroom/core';
import { errors, jwtVerify, SignJWT } from 'jose';
import { HttpError } from '../src/http-error.ts';
import { TOKEN_CLOCK_TOLERANCE_S } from '../src/verify-account-token.ts';

/** What a caller of the verifier can tell apart: accepted, or the 401 code. */
export type TokenOutcome = 'ok' | 'token_expired' | 'invalid_token';

const joseVerify = (token: string, key: CryptoKey, nowMs: number) =>
  jwtVerify(token, key, {
    algorithms: ['HS256'],
    requiredClaims: ['exp'],
    clockTolerance: TOKEN_CLOCK_TOLERANCE_S,
    currentDate: new Date(nowMs),
  });

/** `verifyAccountToken` as it was on jose, line for line. */
export async function joseVerifyAccountToken(
  token: unknown,
  key: CryptoKey,
  nowMs: number,
): Promise<AccountClaims> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 8192) {
    throw new HttpError(401, 'invalid_token', 'missing or malformed account token');
  }
  let payload: unknown;
  try {
    ({ payload } = await joseVerify(token, key, nowMs));
  } catch (error) {
    if (error instanceof errors.JWTExpired)
      throw new HttpError(401, 'token_expired', 'account token expired');
    throw new HttpError(401, 'invalid_token', 'account token could not be verified');
  }
  const claims = accountClaimsSchema.safeParse(payload);
  if (!claims.success) throw new HttpError(401, 'invalid_token', 'account token claims are invalid');
  return claims.data;
}

/** jose's own verdict on `token` at `nowMs` (no 8 KB cap in front), as the edge's codes. */
export async function joseTokenOutcome(token: string, key: CryptoKey, nowMs: number): Promise<TokenOutcome> {
  try {
    const { payload } = await joseVerify(token, key, nowMs);
    return accountClaimsSchema.safeParse(payload).success ? 'ok' : 'invalid_token';
  } catch (error) {
    return error instanceof errors.JWTExpired ? 'token_expired' : 'invalid_token';
  }
}

/** Signs any payload with any header through jose (HS256 unless `alg` says otherwise). */
export function joseSign(
  payload: Record<string, unknown>,
  secret: string,
  header: { alg: string } & Record<string, unknown> = { alg: 'HS256', typ: 'JWT' },
): Promise<string> {
  return new SignJWT(payload).setProtectedHeader(header).sign(new TextEncoder().encode(secret));
}
