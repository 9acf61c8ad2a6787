import { decodeBase64url } from './base64url-decode.ts';

/** Why a compact JWT was refused: only `expired` is worth telling a client apart. */
export type JwtRejection =
  | 'malformed'
  | 'algorithm_not_allowed'
  | 'bad_signature'
  | 'claims_invalid'
  | 'not_yet_valid'
  | 'expired';

/** The claims of a verified token, or why it was refused. */
export type JwtVerification =
  | { ok: true; claims: Record<string, unknown> }
  | { ok: false; reason: JwtRejection };

/** The clock a token's time claims are checked against. */
export interface JwtClock {
  /** Current time, seconds since the epoch. */
  nowSeconds: number;
  /** Seconds of skew allowed on `exp` and `nbf`. */
  toleranceSeconds: number;
}

const HMAC_SHA256_BYTES = 32;
const encoder = /* @__PURE__ */ new TextEncoder();
// `fatal`: bytes that are not UTF-8 make the token malformed instead of becoming U+FFFD.
const utf8 = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true });

// A JSON object (not an array, not null) from a base64url segment, or undefined.
function parseJsonSegment(segment: string): Record<string, unknown> | undefined {
  const bytes = decodeBase64url(segment);
  if (bytes === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(utf8.decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

// RFC 7519 §4.1: exp is required here; exp, nbf and iat must be numbers when present. In
// jose's order, so a token both not yet valid and expired is refused as not yet valid.
function checkTimeClaims(claims: Record<string, unknown>, clock: JwtClock): JwtRejection | undefined {
  const { exp, nbf, iat } = claims;
  if (exp === undefined) return 'claims_invalid';
  if (iat !== undefined && typeof iat !== 'number') return 'claims_invalid';
  if (nbf !== undefined && typeof nbf !== 'number') return 'claims_invalid';
  if (nbf !== undefined && nbf > clock.nowSeconds + clock.toleranceSeconds) return 'not_yet_valid';
  if (typeof exp !== 'number') return 'claims_invalid';
  if (exp <= clock.nowSeconds - clock.toleranceSeconds) return 'expired';
  return undefined;
}

/**
 * Verifies a compact JWT signed with HS256 and returns its claims. Only `alg: HS256` is
 * accepted (`none` and every other algorithm are refused before any MAC is computed), a
 * header with `crit` is refused (no extension is understood), the MAC is checked by
 * `crypto.subtle.verify` (constant time), then `exp` (required) and `nbf` against the clock.
 * @throws TypeError when `key` is not an HMAC SHA-256 key that may verify.
 */
export async function verifyHs256Jwt(
  token: string,
  key: CryptoKey,
  clock: JwtClock,
): Promise<JwtVerification> {
  const algorithm = key.algorithm as HmacKeyAlgorithm;
  if (algorithm.name !== 'HMAC' || algorithm.hash?.name !== 'SHA-256' || !key.usages.includes('verify')) {
    throw new TypeError('verifyHs256Jwt needs an HMAC SHA-256 key with the verify usage');
  }
  const segments = token.split('.');
  if (segments.length !== 3) return { ok: false, reason: 'malformed' };
  const [encodedHeader, encodedClaims, encodedSignature] = segments as [string, string, string];
  const header = parseJsonSegment(encodedHeader);
  if (header === undefined || header.crit !== undefined) return { ok: false, reason: 'malformed' };
  if (header.alg !== 'HS256') return { ok: false, reason: 'algorithm_not_allowed' };
  const signature = decodeBase64url(encodedSignature);
  if (signature?.length !== HMAC_SHA256_BYTES) return { ok: false, reason: 'bad_signature' };
  const signingInput = encoder.encode(`${encodedHeader}.${encodedClaims}`);
  if (!(await crypto.subtle.verify('HMAC', key, signature as Uint8Array<ArrayBuffer>, signingInput))) {
    return { ok: false, reason: 'bad_signature' };
  }
  // Only authenticated bytes are parsed as claims.
  const claims = parseJsonSegment(encodedClaims);
  if (claims === undefined) return { ok: false, reason: 'malformed' };
  const rejection = checkTimeClaims(claims, clock);
  return rejection === undefined ? { ok: true, claims } : { ok: false, reason: rejection };
}
