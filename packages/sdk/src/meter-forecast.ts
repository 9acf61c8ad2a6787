import * as z from 'zod/mini';
import type { Headroom } from './types.ts';

const DAY_MS = 86_400_000;

// One entry of `GET /v1/account`'s `forecasts` (the edge's `meter_forecast` results per meter).
const forecastSchema = z.object({
  limit: z.number().check(z.positive()),
  // A pattern and Date.parse below instead of z.iso.date(), which costs ~650 B more.
  reachesOn: z.string().check(z.regex(/^\d{4}-\d\d-\d\d$/)),
  fired: z.boolean(),
});

/** When a meter is projected to reach its plan limit at its current trend. */
export interface MeterForecast {
  /** The plan limit it reaches. */
  limit: number;
  /** The UTC day it reaches it, `YYYY-MM-DD`. */
  reachesOn: string;
  /** `reachesOn` as ms since the epoch (its UTC midnight), for `Intl.DateTimeFormat` with `timeZone: 'UTC'`. */
  reachesAt: number;
  /** Whether the `meter_forecast` trigger fired (the day is within its `withinDays`). */
  fired: boolean;
}

/**
 * The edge's projection of when `meterId` reaches its limit (Theil–Sen trend of the account's
 * daily peaks, see the `meter_forecast` trigger kind), read from the client's `GET /v1/account`
 * answer and validated. Null when there is none: the answer has not arrived or is malformed,
 * no `meter_forecast` trigger watches the meter, the edge had too little data or a flat trend,
 * the meter resets first, or the day has already passed (a stale answer). Never throws.
 * @example
 * const forecast = meterForecast(hr, 'documents'); // { limit: 1000, reachesOn: '2027-01-24', … }
 */
export function meterForecast(hr: Headroom, meterId: string, now: number = Date.now()): MeterForecast | null {
  try {
    const forecasts = Object(Object(hr.account.body).forecasts);
    if (!Object.hasOwn(forecasts, meterId)) return null;
    const parsed = forecastSchema.safeParse(forecasts[meterId]);
    if (!parsed.success) return null;
    const reachesAt = Date.parse(parsed.data.reachesOn);
    // Not a calendar day (NaN), or before today's UTC day: an answer older than its projection.
    return reachesAt >= now - (now % DAY_MS) ? { ...parsed.data, reachesAt } : null;
  } catch {
    return null;
  }
}
