import type { AccountClaims } from '@headroom/core';

/**
 * Reads the claims of an account token (JWT payload, base64url JSON) for display only: the
 * browser cannot verify the signature, the edge does. Null for anything that is not a token
 * with valid claims.
 *
 * Checks the identity and shape fields by hand rather than with core's `accountClaimsSchema`:
 * the zod runtime alone would cost more than the SDK's whole byte budget. A test keeps every
 * claims object the schema accepts decoding to the same values.
 */
export function decodeClaims(token: unknown): AccountClaims | null {
  try {
    const part = typeof token === 'string' ? token.split('.')[1] : undefined;
    if (!part || part.length > 100_000) return null;
    // atob() accepts unpadded base64 (forgiving-base64, in browsers and Node alike); its
    // bytes are UTF-8, which escape() + decodeURIComponent() turn back into text.
    return parseClaims(
      JSON.parse(decodeURIComponent(escape(atob(part.replace(/-/g, '+').replace(/_/g, '/'))))),
    );
  } catch {
    return null;
  }
}

/** Accepts claims with an account, user, plan, segment, ACV and whole seat count. */
export function parseClaims(input: unknown): AccountClaims | null {
  const c: Record<string, unknown> = Object(input);
  const ok =
    [c.sub, c.uid, c.plan].every((v) => typeof v === 'string' && v.length > 0 && v.length <= 200) &&
    ['smb', 'mid_market', 'enterprise'].includes(c.segment as string) &&
    typeof c.acv === 'number' &&
    Number.isInteger(c.seats);
  return ok ? (c as AccountClaims) : null;
}
