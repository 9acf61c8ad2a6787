import type { AccountClaims } from '@headroom/core';

const base64url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/**
 * An unsigned account token (`alg: none`) the SDK decodes for display. Only for tests: a
 * real edge refuses it, and the test client never sends it anywhere.
 */
export function unsignedToken(claims: AccountClaims): string {
  return `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}.`;
}
