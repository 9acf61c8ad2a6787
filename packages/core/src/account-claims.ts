import * as z from 'zod/mini';
import { segmentSchema } from './config-schema.ts';

/**
 * Claims of the account context token signed by the host's backend. The edge trusts them
 * only after verifying the signature; the browser reads them for display only.
 */
export const accountClaimsSchema = z.object({
  /** Account id. */
  sub: z.string().check(z.minLength(1), z.maxLength(200)),
  /** User id. */
  uid: z.string().check(z.minLength(1), z.maxLength(200)),
  plan: z.string().check(z.minLength(1), z.maxLength(64)),
  /** Current annual contract value, USD. */
  acv: z.number().check(z.gte(0), z.lte(1e12)),
  segment: segmentSchema,
  seats: z.int().check(z.gte(0), z.lte(10_000_000)),
  /** ISO date of first value; absent means not activated yet. */
  activatedAt: z.optional(
    z.string().check(z.refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO date')),
  ),
  health: z.optional(z.number().check(z.gte(0), z.lte(100))),
  churnRisk: z.optional(z.boolean()),
  /** Users active in the last 30 days; with `seats`, the active-user ratio of readiness. */
  activeUsers: z.optional(z.int().check(z.gte(0), z.lte(10_000_000))),
  /** The backend's own meter counts at signing time, so bars are right on first paint. */
  usage: z.optional(z.record(z.string(), z.number().check(z.gte(0)))),
  /** Expiry, seconds since the epoch. */
  exp: z.optional(z.number()),
  iat: z.optional(z.number()),
});

/** Verified account context token claims. */
export type AccountClaims = z.output<typeof accountClaimsSchema>;
