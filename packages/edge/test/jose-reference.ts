// The account-token verifier as it was before the WebCrypto rewrite (jose's jwtVerify with
// the same options, then the claims schema), kept as an independent reference: the tests
// check that our verifier answers every token the way this one does, or more strictly.
import { accountClaimsSchema } from '@headroom/core';
import { errors, jwtVerify, SignJWT } from 'jose';
import { TOKEN_CLOCK_TOLERANCE_S } from '../src/verify-account-token.ts';

/** What a caller of the verifier can tell apart: accepted, or the 401 code. */
export type TokenOutcome = 'ok' | 'token_expired' | 'invalid_token';

/** jose's verdict on `token` at `nowMs`, mapped to the edge's error codes. */
export async function joseTokenOutcome(token: string, key: CryptoKey, nowMs: number): Promise<TokenOutcome> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
      clockTolerance: TOKEN_CLOCK_TOLERANCE_S,
      currentDate: new Date(nowMs),
    });
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
