import { segmentSchema } from '@headroom/core';
import * as z from 'zod/mini';

const isoDate = z.string().check(
  z.maxLength(64),
  z.refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO date'),
);
const count = z.int().check(z.gte(0), z.lte(10_000_000));

/**
 * Account traits the host's backend knows and the browser must not be trusted with, as
 * `POST /v1/server/accounts` takes them. Each is a fact observed at `observedAt`; per fact,
 * the newest observation wins over older traits and older token claims.
 */
export const accountTraitsSchema = z.strictObject({
  accountId: z.string().check(z.minLength(1), z.maxLength(200)),
  /** When the backend observed these values (ms or ISO); defaults to when the edge received them. */
  observedAt: z.optional(z.union([z.number().check(z.gte(0), z.lte(1e14)), isoDate])),
  plan: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  /** Current annual contract value, USD. */
  acv: z.optional(z.number().check(z.gte(0), z.lte(1e12))),
  segment: z.optional(segmentSchema),
  seats: z.optional(count),
  activatedAt: z.optional(isoDate),
  health: z.optional(z.number().check(z.gte(0), z.lte(100))),
  churnRisk: z.optional(z.boolean()),
  renewalDate: z.optional(isoDate),
  activeUsers: z.optional(count),
  employees: z.optional(count),
  /** Custom numeric or boolean traits, e.g. `{ "nps": 9, "exec_sponsor": true }`. */
  traits: z.optional(
    z.record(
      z
        .string()
        .check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits, _ . -')),
      z.union([z.number(), z.boolean()]),
    ),
  ),
});

/** Most accounts in one `POST /v1/server/accounts`. */
export const MAX_ACCOUNTS_PER_BATCH = 100;

/** A batch: `{ accounts: [...] }`, 1 to 100 accounts. */
export const accountTraitsBatchSchema = z.strictObject({
  accounts: z.array(accountTraitsSchema).check(z.minLength(1), z.maxLength(MAX_ACCOUNTS_PER_BATCH)),
});

/** One account's traits. */
export type AccountTraits = z.input<typeof accountTraitsSchema>;

/** The edge's answer to an upsert: every account named, re-evaluated. */
export const upsertAccountsResultSchema = z.object({
  upserted: z.number(),
  accounts: z.array(
    z.object({
      accountId: z.string(),
      eligible: z.boolean(),
      /** Why the account is (not) eligible, e.g. `activated`, `health_below_minimum`. */
      reasons: z.array(z.string()),
      /** Facts the edge does not know yet, reported rather than guessed. */
      unknown: z.array(z.string()),
      activeTriggers: z.array(z.string()),
    }),
  ),
});

/** What `upsertAccount` resolves with. */
export type UpsertAccountsResult = z.output<typeof upsertAccountsResultSchema>;
