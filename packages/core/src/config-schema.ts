import * as z from 'zod/mini';
import { COPY_PLACEHOLDERS, isCopyPlaceholder, placeholdersIn } from './copy-template.ts';
import { explainUnknownKeys, strictObject } from './strict-object.ts';

const id = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits, _ . -'));
const text = z.string().check(z.minLength(1), z.maxLength(500));
const ratio = z.number().check(z.gt(0), z.lte(10));
// Whole numbers via multipleOf(1), not z.int(): z.int() aborts the parse on 1.5, which would
// hide every cross-reference mistake from the same error. JSON Schema still says multipleOf 1.
const whole = () => z.number().check(z.multipleOf(1));
const positiveInt = whole().check(z.gte(1));
const nonNegative = z.number().check(z.gte(0));

// Defaults are factories so every parsed config owns its objects: mutating one config's
// routing.csNeeds must never leak into the next parse.
const defaultFatigue = () => ({
  maxModalsPerDay: 1,
  maxPromptsPerWeek: 3,
  snoozeDays: 3,
  retireAfterDismissals: 3,
  retireDays: 30,
});
const defaultActivationDays = () => ({ smb: 30, mid_market: 45, enterprise: 60 });
const defaultMinHealth = () => ({ smb: 75, mid_market: 80, enterprise: 85 });
const defaultActiveUserRatio = () => ({ smb: 0.6, mid_market: 0.7, enterprise: 0.75 });
const defaultEligibility = () => ({
  minDaysSinceActivation: defaultActivationDays(),
  minHealth: defaultMinHealth(),
  minActiveUserRatio: defaultActiveUserRatio(),
  suppressOnChurnRisk: true,
  unknownFacts: 'allow' as const,
});
const defaultCsNeeds = () => ['invoice', 'multi_year', 'custom_sla', 'security_review'];
const defaultSegments = () => ({ enterprise: { route: 'cs_assist' as const } });
const defaultRouting = () => ({
  assistAtAcv: 5000,
  csAtAcv: 20000,
  segments: defaultSegments(),
  csNeeds: defaultCsNeeds(),
  stalledPqlDays: 30,
  escalateAtSignals: 4,
  handoffCooldownDays: 30,
  maxHandoffsPerDay: 3,
});

/** A copy string: only known `{placeholders}` are allowed. */
const copyText = text.check(
  z.superRefine((value, ctx) => {
    for (const name of placeholdersIn(value)) {
      if (!isCopyPlaceholder(name)) {
        ctx.issues.push({
          code: 'custom',
          input: value,
          message: `unknown placeholder {${name}}; use one of ${COPY_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
        });
      }
    }
  }),
);

export const copySchema = strictObject({
  title: copyText,
  body: z.optional(copyText),
  cta: copyText,
  /** Label of the dismiss control; a localised default is used when absent. */
  dismiss: z.optional(copyText),
});

/** A URL template: `https:` absolute or same-origin relative (`/path`), nothing else. */
const safeUrlTemplate = z.string().check(
  z.maxLength(2000),
  z.refine((value) => /^https:\/\/[^\s]+$/i.test(value) || /^\/(?!\/)[^\s]*$/.test(value), {
    message: 'must be an https: URL or a same-origin path starting with /',
  }),
);

export const meterSchema = strictObject({
  label: text,
  unit: strictObject({ one: text, other: text }),
  /** When the meter resets; absent means it never resets (seats, documents). */
  resets: z.optional(z.enum(['daily', 'weekly', 'monthly', 'yearly'])),
  /**
   * The meter counts seats and its limit is the seats the account paid for (the token's
   * `seats` claim), not the plan's limit: bars, copy and triggers agree with the invoice.
   */
  purchasedSeats: z.optional(z.boolean()),
});

export const planSchema = strictObject({
  name: text,
  /** USD per seat per year; `null` means contact sales. */
  seatPrice: z.nullable(nonNegative),
  contactSales: z._default(z.boolean(), false),
  /** Limit per meter id; `null` or absent means unlimited. */
  limits: z._default(z.record(z.string(), z.nullable(nonNegative)), {}),
  /** Feature ids the plan includes; `"*"` means every feature. */
  features: z._default(z.array(z.string().check(z.minLength(1))), []),
});

const triggerBase = {
  id,
  prompt: z.optional(id),
  /**
   * Share of accounts (up to half) that are evaluated and logged but never shown this trigger's
   * prompt: the control group that tells whether the trigger causes expansion.
   */
  holdout: z.optional(z.number().check(z.gt(0), z.lte(0.5))),
};
const days = (fallback: number) => z._default(positiveInt.check(z.lte(365)), fallback);
const eventName = z.string().check(z.minLength(1), z.maxLength(128));

/**
 * One condition on a server-reported trait (`POST /v1/server/accounts` or the token): a number
 * at least / at most a bound, a value equal to one given, a date within the next `withinDays`,
 * or a number that grew by a share over `overDays` (from the trait's daily history).
 */
export const traitConditionSchema = strictObject({
  trait: eventName,
  atLeast: z.optional(z.number()),
  atMost: z.optional(z.number()),
  equals: z.optional(z.union([z.boolean(), z.number(), z.string()])),
  withinDays: z.optional(positiveInt.check(z.lte(3650))),
  grewBy: z.optional(z.number()),
  overDays: z._default(positiveInt.check(z.lte(365)), 90),
});

export const triggerSchema = z.discriminatedUnion('kind', [
  strictObject({
    ...triggerBase,
    kind: z.literal('meter_ratio'),
    meters: z.array(id).check(z.minLength(1)),
    atLeast: ratio,
  }),
  strictObject({
    ...triggerBase,
    kind: z.literal('meter_sustained'),
    meter: id,
    atLeast: ratio,
    days: positiveInt.check(z.lte(365)),
  }),
  strictObject({
    ...triggerBase,
    kind: z.literal('gate_distinct'),
    atLeast: positiveInt,
    withinDays: positiveInt.check(z.lte(365)),
  }),
  strictObject({
    ...triggerBase,
    kind: z.literal('gate_intent'),
    /** Score = Σ hits × 0.5^(age in days / halfLifeDays) over the window. */
    atLeast: z.number().check(z.gt(0)),
    withinDays: z._default(positiveInt.check(z.lte(365)), 30),
    halfLifeDays: z._default(z.number().check(z.gt(0)), 7),
  }),
  strictObject({
    ...triggerBase,
    kind: z.literal('invites_sent'),
    atLeast: positiveInt,
    withinDays: positiveInt.check(z.lte(365)),
    /** The meter the prompt's copy fills `{used}`, `{limit}` and `{nextLimit}` from (seats, say). */
    meter: z.optional(id),
  }),
  // The kinds below are evaluated at the edge only (EDGE_TRIGGER_KINDS): their facts are the
  // account's, not one browser's.
  strictObject({
    ...triggerBase,
    kind: z.literal('meter_forecast'),
    meters: z.array(id).check(z.minLength(1)),
    /** Fires when a meter is projected to reach its limit within this many days. */
    withinDays: days(14),
    /** Days of daily peaks the trend is fitted on (Theil–Sen); 7 are the least it forecasts from. */
    overDays: z._default(positiveInt.check(z.gte(7), z.lte(365)), 28),
  }),
  strictObject({
    ...triggerBase,
    kind: z.literal('event_count'),
    /** The name of the tracked event (`hr.track(name)`). */
    event: eventName,
    atLeast: positiveInt,
    withinDays: days(30),
    /** `user`: one user alone must reach the count. */
    per: z._default(z.enum(['account', 'user']), 'account'),
    /** The count must also hold in the windows ending 7, 14, … days ago, for this many weeks. */
    sustainedWeeks: z._default(positiveInt.check(z.lte(52)), 1),
  }),
  strictObject({
    ...triggerBase,
    kind: z.literal('trait'),
    /** Conditions on server-reported account traits; all must hold. */
    all: z.array(traitConditionSchema).check(z.minLength(1), z.maxLength(10)),
  }),
  strictObject({
    ...triggerBase,
    kind: z.literal('power_users'),
    /** A user's tracked events ÷ the average of the account's active users, at least. */
    atLeast: z._default(z.number().check(z.gt(1)), 2),
    withinDays: days(30),
    /** Power users the account needs for the trigger to fire. */
    minUsers: z._default(positiveInt, 1),
  }),
  strictObject({
    ...triggerBase,
    kind: z.literal('feature_adoption'),
    /** Share of the current plan's features used (tracked by name) within the window. */
    atLeast: z._default(z.number().check(z.gt(0), z.lte(1)), 0.7),
    withinDays: days(30),
  }),
]);

const segments = ['smb', 'mid_market', 'enterprise'] as const;
export const segmentSchema = z.enum(segments);

const healthScore = z.number().check(z.gte(0), z.lte(100));
const share = z.number().check(z.gte(0), z.lte(1));
type PerSegment = Record<(typeof segments)[number], number>;
/**
 * One number for every segment, or one per segment (each defaulting to the playbooks'
 * figure); always one per segment once parsed, so readers index it by segment.
 */
const perSegment = (value: typeof healthScore, defaults: PerSegment) =>
  z._default(
    z.pipe(
      z.union([
        value,
        strictObject({
          smb: z._default(value, defaults.smb),
          mid_market: z._default(value, defaults.mid_market),
          enterprise: z._default(value, defaults.enterprise),
        }),
      ]),
      z.transform((v): PerSegment => (typeof v === 'number' ? { smb: v, mid_market: v, enterprise: v } : v)),
    ),
    () => ({ ...defaults }),
  );

export const eligibilitySchema = strictObject({
  minDaysSinceActivation: z._default(
    strictObject({
      smb: z._default(whole().check(z.gte(0)), 30),
      mid_market: z._default(whole().check(z.gte(0)), 45),
      enterprise: z._default(whole().check(z.gte(0)), 60),
    }),
    defaultActivationDays,
  ),
  /** Lowest health score (0–100) that may be pitched: one number, or one per segment. */
  minHealth: perSegment(healthScore, defaultMinHealth()),
  /** Active users ÷ seats must be above this share (0–1): one number, or one per segment. */
  minActiveUserRatio: perSegment(share, defaultActiveUserRatio()),
  suppressOnChurnRisk: z._default(z.boolean(), true),
  /**
   * What an unknown health score or active-user count does: `allow` (the default) lets the
   * other rules decide and names the fact as unknown; `suppress` blocks until it is reported.
   */
  unknownFacts: z._default(z.enum(['allow', 'suppress']), 'allow'),
});

export const surfaceSchema = z.enum(['banner', 'modal', 'inline', 'toast']);

export const promptSchema = strictObject({
  surface: surfaceSchema,
  /** Lower wins when two prompts compete for a surface. */
  priority: z._default(whole(), 100),
  copy: z.optional(copySchema),
  experiment: z.optional(id),
  /** Plan the CTA upgrades to; defaults to the next plan on `upgradePath`. */
  plan: z.optional(id),
});

export const variantSchema = strictObject({
  id,
  weight: z.number().check(z.gt(0), z.lte(100)),
  copy: copySchema,
});

export const experimentSchema = strictObject({
  unit: z._default(z.enum(['account', 'user']), 'account'),
  goal: z._default(z.string().check(z.minLength(1)), 'upgrade_completed'),
  variants: z.array(variantSchema).check(z.minLength(1), z.maxLength(20)),
  /** Hash salt; defaults to the experiment id so experiments bucket independently. */
  salt: z.optional(z.string().check(z.minLength(1))),
  /**
   * Assignment algorithm the experiment was started with (see `ASSIGNMENT_VERSION`); 1 when
   * absent so live experiments keep their buckets. Change it only when restarting.
   */
  assignmentVersion: z.optional(z.union([z.literal(1), z.literal(2)])),
  /**
   * Which run of the experiment this is; 1 when absent. `startNewVersion` raises it with a fresh
   * salt when the treatments change, so the results of each version are kept apart.
   */
  version: z.optional(positiveInt.check(z.lte(1_000_000))),
  /** Share of units enrolled, 0–1; ramping it up never moves enrolled units. */
  coverage: z._default(z.number().check(z.gte(0), z.lte(1)), 1),
  /** Days after exposure in which the goal counts as a conversion. */
  conversionWindowDays: z._default(positiveInt.check(z.lte(365)), 30),
});

export const fatigueSchema = strictObject({
  maxModalsPerDay: z._default(whole().check(z.gte(0)), 1),
  maxPromptsPerWeek: z._default(whole().check(z.gte(0)), 3),
  snoozeDays: z._default(z.number().check(z.gte(0)), 3),
  /**
   * Days a prompt stays away after its CTA was clicked (an upgrade started and not completed
   * is engagement, not a reason to ask again on the next page); unset, it follows `snoozeDays`.
   */
  snoozeAfterClickDays: z.optional(z.number().check(z.gte(0))),
  retireAfterDismissals: z._default(positiveInt, 3),
  retireDays: z._default(z.number().check(z.gte(0)), 30),
});

export const routeSchema = z.enum(['self_serve', 'self_serve_with_assist', 'cs_assist']);

export const routingSchema = strictObject({
  assistAtAcv: z._default(nonNegative, 5000),
  csAtAcv: z._default(nonNegative, 20000),
  segments: z._default(
    z.partialRecord(segmentSchema, strictObject({ route: routeSchema })).check(explainUnknownKeys(segments)),
    defaultSegments,
  ),
  csNeeds: z._default(z.array(id), defaultCsNeeds),
  stalledPqlDays: z._default(positiveInt, 30),
  escalateAtSignals: z._default(positiveInt, 4),
  /**
   * A CS handoff stays open this long: repeated requests for the same plan return it, and a
   * proactive escalation is made at most once per account in this time.
   */
  handoffCooldownDays: z._default(z.number().check(z.gt(0), z.lte(365)), 30),
  /** New CS handoffs per account per 24 hours, whatever the scope. */
  maxHandoffsPerDay: z._default(positiveInt.check(z.lte(100)), 3),
  checkoutUrl: z.optional(safeUrlTemplate),
  bookingUrl: z.optional(safeUrlTemplate),
});

/** The shape of one Headroom configuration document (before cross-reference checks). */
export const configShapeSchema = strictObject({
  meters: z.record(id, meterSchema),
  plans: z.record(id, planSchema),
  upgradePath: z.array(id).check(z.minLength(1)),
  triggers: z._default(z.array(triggerSchema), []),
  eligibility: z._default(eligibilitySchema, defaultEligibility),
  prompts: z._default(z.record(id, promptSchema), {}),
  experiments: z._default(z.record(id, experimentSchema), {}),
  fatigue: z._default(fatigueSchema, defaultFatigue),
  routing: z._default(routingSchema, defaultRouting),
});
