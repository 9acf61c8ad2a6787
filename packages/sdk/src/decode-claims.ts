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

type Check = (v: unknown) => boolean;
const text =
  (max: number): Check =>
  (v) =>
    typeof v === 'string' && v.length > 0 && v.length <= max;
const within =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
const any = within(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
const record = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v);

// [claim, required, check], in the order of accountClaimsSchema.
const RULES: Array<[keyof AccountClaims, boolean, Check]> = [
  ['sub', true, text(200)],
  ['uid', true, text(200)],
  ['plan', true, text(64)],
  ['acv', true, within(0, 1e12)],
  ['segment', true, (v) => SEGMENTS.includes(v as string)],
  ['seats', true, (v) => within(0, 1e7)(v) && Number.isInteger(v)],
  ['activatedAt', false, (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v))],
  ['health', false, within(0, 100)],
  ['churnRisk', false, (v) => typeof v === 'boolean'],
  ['usage', false, (v) => record(v) && Object.values(v).every(within(0, Number.POSITIVE_INFINITY))],
  ['exp', false, any],
  ['iat', false, any],
];

/** Validates decoded claims; unknown keys are left out, as the schema strips them. */
export function parseClaims(input: unknown): AccountClaims | null {
  if (!record(input)) return null;
  const out: Record<string, unknown> = {};
  for (const [key, required, check] of RULES) {
    const v = (input as Record<string, unknown>)[key];
    if (v === undefined) {
      if (required) return null;
    } else if (!check(v)) return null;
    else out[key] = key === 'usage' ? { ...v } : v;
  }
  return out as AccountClaims;
}
