import type { AccountClaims } from '@headroom/core';

const SEGMENTS = ['smb', 'mid_market', 'enterprise'];

const str = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= max;
const num = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

/**
 * Reads the claims of an account token (JWT payload, base64url JSON) for display only: the
 * browser cannot verify the signature, the edge does. Null for anything that is not a token
 * with valid claims.
 *
 * Checks the same rules as core's `accountClaimsSchema` by hand: the zod runtime alone would
 * cost the SDK more than its whole byte budget (a test keeps the two in agreement).
 */
export function decodeClaims(token: unknown): AccountClaims | null {
  try {
    const part = typeof token === 'string' ? token.split('.')[1] : undefined;
    if (!part || part.length > 100_000) return null;
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    return parseClaims(JSON.parse(new TextDecoder().decode(bytes)));
  } catch {
    return null;
  }
}

/** Validates decoded claims; unknown keys are left out, as the schema strips them. */
export function parseClaims(input: unknown): AccountClaims | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return null;
  const c = input as Record<string, unknown>;
  const { sub, uid, plan, acv, segment, seats, activatedAt, health, churnRisk, usage, exp, iat } = c;
  if (!str(sub, 200) || !str(uid, 200) || !str(plan, 64) || !num(acv, 0, 1e12)) return null;
  if (typeof segment !== 'string' || !SEGMENTS.includes(segment)) return null;
  if (!num(seats, 0, 1e7) || !Number.isInteger(seats)) return null;
  const claims = { sub, uid, plan, acv, segment, seats } as AccountClaims;
  if (activatedAt !== undefined) {
    if (typeof activatedAt !== 'string' || Number.isNaN(Date.parse(activatedAt))) return null;
    claims.activatedAt = activatedAt;
  }
  if (health !== undefined) {
    if (!num(health, 0, 100)) return null;
    claims.health = health;
  }
  if (churnRisk !== undefined) {
    if (typeof churnRisk !== 'boolean') return null;
    claims.churnRisk = churnRisk;
  }
  if (usage !== undefined) {
    if (typeof usage !== 'object' || usage === null || Array.isArray(usage)) return null;
    const values: Record<string, number> = {};
    for (const [k, v] of Object.entries(usage)) {
      if (!num(v, 0, Number.POSITIVE_INFINITY)) return null;
      values[k] = v;
    }
    claims.usage = values;
  }
  for (const [k, v] of [['exp', exp] as const, ['iat', iat] as const]) {
    if (v === undefined) continue;
    if (!num(v, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)) return null;
    claims[k] = v;
  }
  return claims;
}
