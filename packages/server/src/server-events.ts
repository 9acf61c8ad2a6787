import * as z from 'zod/mini';

const name = z.string().check(z.minLength(1), z.maxLength(128));
const count = z.number().check(z.gte(0), z.lte(1e15));
const timestamp = z.number().check(z.gte(0), z.lte(1e14));

/** Who a server event is about; the backend names any account (the server key is trusted). */
const identity = {
  accountId: name,
  userId: z.optional(name),
  /** The event id the edge dedupes on; a fresh UUIDv7 when absent. Reuse it to resend safely. */
  id: z.optional(z.string().check(z.regex(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i, 'must be a UUID'))),
  /** When it happened, ms since the epoch. @default now */
  ts: z.optional(timestamp),
};

/** `reportUsage`: the backend's authoritative count of one meter. */
export const usageReportSchema = z.strictObject({
  ...identity,
  meter: name,
  /** The meter's current value. */
  value: count,
  /** The change this report stands for, when known. */
  delta: z.optional(z.number()),
});
export type UsageReport = z.input<typeof usageReportSchema>;

/** `reportUpgrade`: a completed upgrade from the billing system, the conversion experiments count. */
export const upgradeReportSchema = z.strictObject({
  ...identity,
  plan: name,
  /** What the customer pays now, per year, in `currency`. */
  amount: count,
  seats: z.optional(count),
  /** ISO 4217 code. @default 'USD' as the config prices are */
  currency: z.optional(z.string().check(z.length(3))),
  /** The plan before the upgrade; with `previousAmount` and `previousSeats`, what NRR's sources read. */
  fromPlan: z.optional(name),
  /** What the customer paid per year before. @default the previous upgrade's amount, else 0 */
  previousAmount: z.optional(count),
  previousSeats: z.optional(count),
  /** The kind of expansion, when plans and seats don't tell it. */
  expansion: z.optional(z.enum(['seat', 'usage', 'tier'])),
});
export type UpgradeReport = z.input<typeof upgradeReportSchema>;

/** `POST /v1/server/events` answers with counts; a refused event is listed with why. */
export const serverEventsResultSchema = z.object({
  accepted: z.number(),
  duplicates: z.number(),
  rejected: z.number(),
  rejections: z.optional(z.array(z.object({ index: z.number(), code: z.string(), message: z.string() }))),
});
export type ServerEventsResult = z.output<typeof serverEventsResultSchema>;

/** What `reportUsage` and `reportUpgrade` resolve with. */
export interface ReportResult {
  /** The event id sent; the edge dedupes on it. */
  id: string;
  /** True when the edge already held this id (a retry or a resend), so nothing was counted twice. */
  duplicate: boolean;
}
