import type { HeadroomConfig, TriggerConfig } from './config.ts';
import { dayOf, dayOfIso, epochDay, isoDay } from './day.ts';
import { meterLimit } from './meter-limit.ts';
import { nextReset } from './next-reset.ts';
import { nextPlan } from './plan-path.ts';
import { theilSenSlope } from './theil-sen-slope.ts';
import type { DayRef, TriggerResult, TriggerSnapshot } from './trigger-snapshot.ts';

/**
 * Trigger kinds only the edge evaluates: their facts (the account's usage trend, every user's
 * events, server-reported traits) are not one browser's, so the browser's engine skips them and
 * they do not ship in the SDK. Their results reach the browser through `GET /v1/account`.
 */
export const EDGE_TRIGGER_KINDS = [
  'meter_forecast',
  'event_count',
  'trait',
  'power_users',
  'feature_adoption',
] as const;
export type EdgeTriggerKind = (typeof EDGE_TRIGGER_KINDS)[number];
export type EdgeTriggerConfig = Extract<TriggerConfig, { kind: EdgeTriggerKind }>;
export type EdgeTriggerSettings = Pick<HeadroomConfig, 'plans'> &
  Partial<Pick<HeadroomConfig, 'meters' | 'upgradePath'>>;

/** A forecast needs daily peaks on at least this many distinct days (today included). */
export const MIN_FORECAST_DAYS = 7;
/** Power users named in a result, most active first. */
const MAX_USERS_LISTED = 20;
const EPSILON = 1e-9;

const toDay = (day: DayRef): number =>
  typeof day === 'number' ? (day >= 1e9 ? epochDay(day) : day) : dayOfIso(day);

/** An event row with its day parsed and its user as an index into `EdgeFacts.users` (−1: none). */
type EventRow = { day: number; name: string; user: number; count: number };

/** A snapshot's day-stamped rows parsed once, for every edge-only trigger evaluated on it. */
export interface EdgeFacts {
  events: EventRow[];
  /** The users named by the events, first seen first; rows refer to them by index. */
  users: string[];
  /** Daily peaks per meter, the day parsed, highest sample of a day kept. */
  peaks(meter: string): Map<number, number>;
}

/** Parses a snapshot's event rows now and each meter's history on first use. */
export function prepareEdgeFacts(snapshot: TriggerSnapshot): EdgeFacts {
  // Users become small integers once, so per-user counts are array slots, not map lookups.
  const users: string[] = [];
  const userIndex = new Map<string, number>();
  const indexOf = (user: string | undefined) => {
    if (user === undefined || user === '') return -1;
    let index = userIndex.get(user);
    if (index === undefined) {
      index = users.push(user) - 1;
      userIndex.set(user, index);
    }
    return index;
  };
  const events = (snapshot.events ?? []).map((row) => ({
    day: toDay(row.day),
    name: row.name,
    user: indexOf(row.user),
    count: row.count ?? 1,
  }));
  const byMeter = new Map<string, Map<number, number>>();
  return {
    events,
    users,
    peaks(meter) {
      let peaks = byMeter.get(meter);
      if (!peaks) {
        peaks = new Map();
        for (const sample of snapshot.meterHistory?.[meter] ?? []) {
          const day = toDay(sample.day);
          if (!(sample.used <= (peaks.get(day) ?? -Infinity))) peaks.set(day, sample.used);
        }
        byMeter.set(meter, peaks);
      }
      return peaks;
    },
  };
}
const pct = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;
const plural = (n: number, one: string, other = `${one}s`) => `${n} ${n === 1 ? one : other}`;

// First UTC day of the period a resetting meter is in (weeks start on Monday).
function periodStart(resets: NonNullable<HeadroomConfig['meters'][string]['resets']>, today: number): number {
  const date = new Date(today * 86_400_000);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  if (resets === 'daily') return today;
  if (resets === 'weekly') return today - ((date.getUTCDay() + 6) % 7);
  return epochDay(resets === 'monthly' ? Date.UTC(y, m, 1) : Date.UTC(y, 0, 1));
}

interface Forecast {
  meter: string;
  limit: number;
  /** Whole days from today until the projected limit day (0: at or over it now). */
  daysLeft: number;
  /** Units per day, Theil–Sen over the window. */
  slope: number;
}

/**
 * Projects when `meter` reaches its limit: the current reading plus the Theil–Sen slope of the
 * daily peaks over the last `overDays` days (today's reading included). A resetting meter only
 * looks at its current period and is never projected past its next reset. Returns a sentence
 * instead when there is nothing to project.
 */
function forecastMeter(
  meter: string,
  trigger: Extract<TriggerConfig, { kind: 'meter_forecast' }>,
  snapshot: TriggerSnapshot,
  config: EdgeTriggerSettings,
  now: number,
  today: number,
  facts: EdgeFacts,
): Forecast | string | null {
  const limit = meterLimit(config, snapshot.claims.plan, meter, snapshot.claims.seats);
  if (limit === null) return null;
  const used = snapshot.meters[meter] ?? snapshot.claims.usage?.[meter] ?? 0;
  if (used >= limit) return { meter, limit, daysLeft: 0, slope: 0 };
  const resets = config.meters?.[meter]?.resets;
  const from = Math.max(today - trigger.overDays + 1, resets ? periodStart(resets, today) : -Infinity);
  const peaks = new Map<number, number>([[today, used]]);
  for (const [day, peak] of facts.peaks(meter)) if (day >= from && day < today) peaks.set(day, peak);
  if (peaks.size < MIN_FORECAST_DAYS) {
    return `${meter}: ${plural(peaks.size, 'day')} of usage, too few to forecast (needs ${MIN_FORECAST_DAYS})`;
  }
  const slope = theilSenSlope([...peaks]);
  if (!(slope > 0)) return `${meter}: usage flat or falling over ${plural(peaks.size, 'day')}`;
  const daysLeft = Math.ceil((limit - used) / slope - EPSILON);
  const reset = resets ? nextReset(resets, now) : null;
  if (reset !== null && today + daysLeft >= epochDay(reset)) {
    return `${meter}: resets on ${isoDay(epochDay(reset))} before reaching its limit of ${limit}`;
  }
  return { meter, limit, daysLeft, slope };
}

/**
 * Summed counts of rows with a day in [from, to], per key: the user's index, or 0 for the
 * whole account. A key no row fell on stays a hole (`undefined`), apart from a zero count.
 */
function countsIn(rows: readonly EventRow[], from: number, to: number, perUser: boolean) {
  const counts: Array<number | undefined> = [];
  for (const row of rows) {
    if (row.day < from || row.day > to || (perUser && row.user < 0)) continue;
    const key = perUser ? row.user : 0;
    counts[key] = (counts[key] ?? 0) + row.count;
  }
  return counts;
}

type TraitCondition = Extract<TriggerConfig, { kind: 'trait' }>['all'][number];

/** Whether one trait condition holds, and how a person reads it. */
function checkTrait(
  condition: TraitCondition,
  snapshot: TriggerSnapshot,
  today: number,
): [met: boolean, text: string] {
  const name = condition.trait;
  const value = snapshot.traits?.[name] ?? (snapshot.claims as Record<string, unknown>)[name];
  if (value === undefined || value === null) return [false, `${name} unknown`];
  const parts: string[] = [];
  let met = true;
  if (condition.withinDays !== undefined) {
    const until = typeof value === 'string' ? dayOf(value) - today : Number.NaN;
    met &&= until >= 0 && until <= condition.withinDays;
    parts.push(
      Number.isNaN(until)
        ? `${name} is not a date`
        : `${name} in ${plural(until, 'day')} (within ${condition.withinDays})`,
    );
  }
  if (condition.atLeast !== undefined || condition.atMost !== undefined) {
    const number = typeof value === 'number' ? value : Number.NaN;
    met &&= number >= (condition.atLeast ?? -Infinity) && number <= (condition.atMost ?? Infinity);
    const bounds = [
      condition.atLeast === undefined ? '' : `≥ ${condition.atLeast}`,
      condition.atMost === undefined ? '' : `≤ ${condition.atMost}`,
    ].filter(Boolean);
    parts.push(`${name} ${String(value)} (${bounds.join(', ')})`);
  }
  if (condition.equals !== undefined) {
    met &&= value === condition.equals;
    parts.push(`${name} ${String(value)} (= ${String(condition.equals)})`);
  }
  if (condition.grewBy !== undefined) {
    // The last daily value on or before the start of the window is the baseline.
    const start = today - condition.overDays;
    let base: [day: number, value: number] | undefined;
    for (const sample of snapshot.traitHistory?.[name] ?? []) {
      const day = toDay(sample.day);
      if (day <= start && (base === undefined || day >= base[0])) base = [day, sample.value];
    }
    if (base === undefined || !(base[1] > 0) || typeof value !== 'number') {
      met = false;
      parts.push(`${name} ${condition.overDays} days ago unknown`);
    } else {
      const growth = value / base[1] - 1;
      met &&= growth + EPSILON >= condition.grewBy;
      parts.push(`${name} grew ${pct(growth)} in ${condition.overDays} days (≥ ${pct(condition.grewBy)})`);
    }
  }
  return [met, parts.join(', ')];
}

/**
 * Evaluates one trigger of an edge-only kind. Pure, like `evaluateTriggers`, which calls it.
 * `value` by kind: `meter_forecast` whole days until the nearest projected limit (−1: no
 * forecast); `event_count` the highest count in the window (`sustainedWeeks` > 1: the weeks in
 * a row it held); `trait` the conditions met; `power_users` the power users; `feature_adoption`
 * the share of the plan's features used.
 */
export function evaluateEdgeTrigger(
  trigger: EdgeTriggerConfig,
  snapshot: TriggerSnapshot,
  config: EdgeTriggerSettings,
  now: number,
  facts: EdgeFacts = prepareEdgeFacts(snapshot),
): TriggerResult {
  const today = epochDay(now);
  const { plan } = snapshot.claims;
  let value = 0;
  let threshold: number;
  let fired = false;
  let reason: string;
  const extra: Partial<TriggerResult> = {};

  if (trigger.kind === 'meter_forecast') {
    threshold = trigger.withinDays;
    let best: Forecast | undefined;
    const notes: string[] = [];
    for (const meter of trigger.meters) {
      const forecast = forecastMeter(meter, trigger, snapshot, config, now, today, facts);
      if (typeof forecast === 'string') notes.push(forecast);
      else if (forecast && (best === undefined || forecast.daysLeft < best.daysLeft)) best = forecast;
    }
    if (best === undefined) {
      value = -1;
      reason = `no limit forecast: ${notes.join('; ') || `${trigger.meters.join(', ')} unlimited on plan ${plan}`}`;
    } else {
      value = best.daysLeft;
      fired = value <= threshold;
      const reachesOn = isoDay(today + value);
      extra.forecast = { meter: best.meter, limit: best.limit, reachesOn };
      reason =
        value === 0
          ? `${best.meter} at its limit of ${best.limit}`
          : `${best.meter} reaches its limit of ${best.limit} in ${plural(value, 'day')}, around ${reachesOn} (trend +${Math.round(best.slope * 100) / 100}/day)`;
    }
    reason += ` (threshold ${plural(threshold, 'day')})`;
  } else if (trigger.kind === 'event_count') {
    const rows = facts.events.filter((row) => row.name === trigger.event);
    const perUser = trigger.per === 'user';
    const who = perUser ? ' by one user' : '';
    // Per key, the weeks in a row (this week first) whose window reaches the count.
    const held: number[] = [];
    for (let week = 0; week < trigger.sustainedWeeks; week++) {
      const to = today - 7 * week;
      const counts = countsIn(rows, to - trigger.withinDays + 1, to, perUser);
      counts.forEach((count = 0, key) => {
        if (week === 0) {
          value = Math.max(value, count);
          if (count >= trigger.atLeast) held[key] = 1;
        } else if (held[key] === week && count >= trigger.atLeast) held[key] = week + 1;
      });
    }
    if (trigger.sustainedWeeks > 1) {
      value = 0;
      for (const weeks of held) if (weeks !== undefined) value = Math.max(value, weeks);
      threshold = trigger.sustainedWeeks;
      reason = `${trigger.event} ≥ ${trigger.atLeast} in ${trigger.withinDays} days${who} for ${plural(value, 'week')} in a row (threshold ${plural(threshold, 'week')})`;
    } else {
      threshold = trigger.atLeast;
      reason = `${value} ${trigger.event} events in ${trigger.withinDays} days${who} (threshold ${threshold})`;
    }
    fired = value >= threshold;
  } else if (trigger.kind === 'trait') {
    threshold = trigger.all.length;
    const texts: string[] = [];
    for (const condition of trigger.all) {
      const [met, text] = checkTrait(condition, snapshot, today);
      if (met) value++;
      texts.push(text);
    }
    fired = value === threshold;
    reason = `${texts.join('; ')} (threshold ${threshold === 1 ? 'the condition' : `all ${threshold} conditions`})`;
  } else if (trigger.kind === 'power_users') {
    threshold = trigger.minUsers;
    const activity: Array<[user: string, count: number]> = [];
    let total = 0;
    countsIn(facts.events, today - trigger.withinDays + 1, today, true).forEach((count = 0, user) => {
      activity.push([facts.users[user] as string, count]);
      total += count;
    });
    const average = activity.length > 0 ? total / activity.length : 0;
    const power = activity
      .filter(([, count]) => count > 0 && count + EPSILON >= trigger.atLeast * average)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    // With one active user, that user is the average: never a power user.
    if (activity.length < 2) power.length = 0;
    value = power.length;
    fired = value >= threshold;
    extra.users = power.slice(0, MAX_USERS_LISTED).map(([user]) => user);
    reason = `${value} of ${plural(activity.length, 'active user')} at ≥ ${trigger.atLeast}× the average of ${Math.round(average * 10) / 10} events in ${trigger.withinDays} days (threshold ${plural(threshold, 'user')})`;
  } else {
    threshold = trigger.atLeast;
    const listed = config.plans[plan]?.features ?? [];
    const features = listed.includes('*') ? [] : listed;
    const from = today - trigger.withinDays + 1;
    const seen = new Set<string>();
    for (const row of facts.events) if (row.day >= from && row.day <= today) seen.add(row.name);
    const used = features.filter((feature) => seen.has(feature));
    const next = config.upgradePath
      ? nextPlan({ plans: config.plans, upgradePath: config.upgradePath }, plan)
      : null;
    const nextFeatures = next === null ? [] : (config.plans[next]?.features ?? []);
    extra.features = {
      used,
      nextPlan: nextFeatures.filter((feature) => feature !== '*' && !features.includes(feature)),
    };
    if (features.length === 0) {
      reason = `plan ${plan} lists no features to adopt (threshold ${pct(threshold)})`;
    } else {
      value = used.length / features.length;
      fired = value + EPSILON >= threshold;
      reason = `${used.length} of ${features.length} ${plan} features used in ${trigger.withinDays} days (${pct(value)}) (threshold ${pct(threshold)})`;
    }
  }
  const result: TriggerResult = {
    id: trigger.id,
    kind: trigger.kind,
    fired,
    value,
    threshold,
    reason,
    ...extra,
  };
  if (trigger.prompt !== undefined) result.prompt = trigger.prompt;
  return result;
}
