import { encodeBase64url } from './base64url-encode.ts';

const encoder = /* @__PURE__ */ new TextEncoder();
const encodeJson = (value: unknown) => encodeBase64url(encoder.encode(JSON.stringify(value)));

/**
 * Signs a compact JWT with HS256 (HMAC SHA-256 through WebCrypto) under the header
 * `{"alg":"HS256","typ":"JWT"}`. The claims are serialised as given: the caller validates
 * them and sets `iat`/`exp`.
 */
export async function signHs256Jwt(
  claims: Record<string, unknown>,
  secret: string | Uint8Array,
): Promise<string> {
  const signingInput = `${encodeJson({ alg: 'HS256', typ: 'JWT' })}.${encodeJson(claims)}`;
  const key = await crypto.subtle.importKey(
    'raw',
    (typeof secret === 'string' ? encoder.encode(secret) : secret) as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const signature = await crypto.subtle.sign('HMAC', key, encoder.encode(signingInput));
  return `${signingInput}.${encodeBase64url(new Uint8Array(signature))}`;
}
