import * as z from 'zod';

/** What the visitor picked in the "Demo account" drawer; the backend turns it into token claims. */
export const scenarioSchema = z.object({
  accountId: z.string().regex(/^[a-z0-9_-]{3,64}$/i),
  userId: z.string().regex(/^[a-z0-9_-]{3,64}$/i),
  segment: z.enum(['smb', 'mid_market', 'enterprise']),
  plan: z.string().min(1).max(64),
  /** Seats paid for. */
  seats: z.number().int().min(1).max(100_000),
  /** Current annual contract value, USD. */
  acv: z.number().min(0).max(1e9),
  usage: z.object({
    seats: z.number().int().min(0).max(100_000),
    docs: z.number().int().min(0).max(10_000_000),
    api_calls: z.number().int().min(0).max(1e9),
  }),
  /** Days since first value; null = not activated yet. */
  activationAgeDays: z.number().int().min(0).max(3650).nullable(),
  health: z.number().min(0).max(100).nullable(),
  churnRisk: z.boolean(),
});

export type Scenario = z.infer<typeof scenarioSchema>;

/** A partial update from the drawer (the account id is kept unless a preset or the patch changes it). */
export const scenarioPatchSchema = scenarioSchema.partial().extend({
  preset: z.optional(z.string()),
  usage: scenarioSchema.shape.usage.partial().optional(),
});

export type ScenarioPatch = z.infer<typeof scenarioPatchSchema>;

type PresetValues = Omit<Scenario, 'accountId' | 'userId'>;

/** A meter's readings the billing backend reports for the days before today: `from` then `perDay` more each day. */
export interface UsageHistory {
  meter: 'docs';
  days: number;
  perDay: number;
}

/** Presets that show each route and suppression rule in a minute. */
export const PRESETS: Record<
  string,
  { label: string; description: string; values: PresetValues; history?: UsageHistory }
> = {
  self_serve_80: {
    label: 'Self-serve at 80 %',
    description: 'A healthy free-plan team at 82 % of its document limit: banner, then checkout.',
    values: {
      segment: 'smb',
      plan: 'free',
      seats: 3,
      acv: 0,
      usage: { seats: 2, docs: 41, api_calls: 420 },
      activationAgeDays: 90,
      health: 88,
      churnRisk: false,
    },
  },
  assisted: {
    label: 'Assisted',
    description:
      'A mid-market Team account at its seat limit: Business adds $5k–$20k, so checkout or talk to us.',
    values: {
      segment: 'mid_market',
      plan: 'team',
      seats: 20,
      acv: 2880,
      usage: { seats: 10, docs: 870, api_calls: 61_000 },
      activationAgeDays: 120,
      health: 91,
      churnRisk: false,
    },
  },
  enterprise_cs: {
    label: 'Enterprise → CS',
    description: 'An enterprise Business account: every upgrade goes to customer success.',
    values: {
      segment: 'enterprise',
      plan: 'business',
      seats: 180,
      acv: 75_600,
      usage: { seats: 172, docs: 9_400, api_calls: 830_000 },
      activationAgeDays: 400,
      health: 90,
      churnRisk: false,
    },
  },
  churn_risk: {
    label: 'Churn risk (suppressed)',
    description: 'At 90 % of its limits but flagged at churn risk: bars, no pitch.',
    values: {
      segment: 'smb',
      plan: 'free',
      seats: 3,
      acv: 0,
      usage: { seats: 3, docs: 45, api_calls: 900 },
      activationAgeDays: 200,
      health: 40,
      churnRisk: true,
    },
  },
  just_activated: {
    label: 'Just activated (suppressed)',
    description: 'At 90 % of its limits but activated 5 days ago: let it find value first.',
    values: {
      segment: 'smb',
      plan: 'free',
      seats: 3,
      acv: 0,
      usage: { seats: 3, docs: 45, api_calls: 900 },
      activationAgeDays: 5,
      health: 95,
      churnRisk: false,
    },
  },
  usage_forecast: {
    label: 'Usage forecast',
    description:
      'A Team account adding 25 documents a day: the documents bar says when it reaches 1,000, two weeks ahead.',
    values: {
      segment: 'smb',
      plan: 'team',
      seats: 10,
      acv: 1440,
      usage: { seats: 6, docs: 680, api_calls: 12_000 },
      activationAgeDays: 150,
      health: 86,
      churnRisk: false,
    },
    // 330 → 680 over the last 14 days: 320 left at +25 a day is 13 days.
    history: { meter: 'docs', days: 14, perDay: 25 },
  },
};

export const DEFAULT_PRESET = 'self_serve_80';

/**
 * The daily readings before today that a preset's billing backend reports (usage events with
 * past timestamps, trusted through `/v1/server/events`), ending at the scenario's current value.
 */
export function historyReadings(
  history: UsageHistory,
  current: number,
  now: number,
): Array<{ ts: number; value: number }> {
  return Array.from({ length: history.days }, (_, i) => {
    const daysAgo = history.days - i;
    return { ts: now - daysAgo * 86_400_000, value: Math.max(0, current - daysAgo * history.perDay) };
  });
}

/** A fresh scenario for a new demo session. */
export function defaultScenario(accountId: string, userId: string, preset = DEFAULT_PRESET): Scenario {
  const values = (PRESETS[preset] ?? PRESETS[DEFAULT_PRESET])!.values;
  return { accountId, userId, ...values, usage: { ...values.usage } };
}

/**
 * Applies a drawer update: a preset first, then explicit fields. A preset starts a fresh
 * account (`newAccountId()`), so one scenario's history (events, fired triggers, handoffs,
 * the browser's prompt ledger) never leaks into the next.
 */
export function applyPatch(current: Scenario, patch: ScenarioPatch, newAccountId: () => string): Scenario {
  const { preset, usage, ...fields } = patch;
  const base =
    preset !== undefined && PRESETS[preset]
      ? defaultScenario(newAccountId(), current.userId, preset)
      : current;
  const next = { ...base, ...fields, usage: { ...base.usage, ...usage } };
  return scenarioSchema.parse(next);
}
