import type { HeadroomConfig, TriggerConfig } from './config.ts';
import { dayOf, dayOfIso, epochDay } from './day.ts';
import {
  EDGE_TRIGGER_KINDS,
  type EdgeFacts,
  type EdgeTriggerConfig,
  type EdgeTriggerSettings,
  evaluateEdgeTrigger,
  prepareEdgeFacts,
} from './evaluate-edge-trigger.ts';
import { meterLimit } from './meter-limit.ts';
import { inTriggerHoldout } from './trigger-holdout.ts';
import type { DayRef, TriggerResult, TriggerSnapshot } from './trigger-snapshot.ts';

// Ratios are compared with a hair of tolerance so 0.9 × 10 seats counts as 90 %.
const EPSILON = 1e-9;

// Epoch days are ~20,000 today; a number that large can only be a ms timestamp.
const toDay = (day: DayRef): number =>
  typeof day === 'number' ? (day >= 1e9 ? epochDay(day) : day) : dayOf(day);
const pct = (ratio: number) => (Number.isFinite(ratio) ? `${Math.round(ratio * 1000) / 10}%` : 'over 100%');

// The same days, parsed faster: `dayOfIso`'s digit path for a real date, `dayOf`'s roll-over
// only for the rest. Kept out of the browser engine, whose rows arrive as numbers (and whose
// bytes count); the full engine parses the day-stamped rows once for every trigger.
const fastDay = (day: DayRef): number => {
  if (typeof day !== 'string') return toDay(day);
  const strict = dayOfIso(day);
  return Number.isNaN(strict) ? dayOf(day) : strict;
};
const withDays = <Row extends { day: DayRef }>(list: ReadonlyArray<Row> | undefined): Row[] =>
  (list ?? []).map((row) => ({ ...row, day: fastDay(row.day) }));

/** The snapshot with the days of the rows both engines read as epoch days. */
function parseDays(snapshot: TriggerSnapshot): TriggerSnapshot {
  const meterHistory: Record<string, ReadonlyArray<{ day: DayRef; used: number }>> = {};
  for (const [meter, samples] of Object.entries(snapshot.meterHistory ?? {}))
    meterHistory[meter] = withDays(samples);
  return {
    ...snapshot,
    gateHits: withDays(snapshot.gateHits),
    invites: withDays(snapshot.invites),
    meterHistory,
  };
}

type Row = { day: number; feature: string; count: number };

// Rows with their day parsed once per evaluation; `count` defaults to 1.
const rows = (list: ReadonlyArray<{ day: DayRef; feature?: string; count?: number }> | undefined): Row[] =>
  (list ?? []).map((row) => ({ day: toDay(row.day), feature: row.feature as string, count: row.count ?? 1 }));

/**
 * Rows of `gateHits` or `invites` inside the last `withinDays` days (today included): the sum
 * of count × 0.5^(age in days ÷ halfLifeDays), then the number of distinct features among rows
 * with a count. A half-life of Infinity weighs every row exactly 1 (0.5^0).
 */
function windowed(
  list: Row[],
  today: number,
  withinDays: number,
  halfLifeDays: number,
): [total: number, features: number] {
  let total = 0;
  const features = new Set<string>();
  for (const { day, feature, count } of list) {
    const age = today - day;
    if (age >= 0 && age < withinDays) {
      total += count * 0.5 ** (age / halfLifeDays);
      if (count > 0) features.add(feature);
    }
  }
  return [total, features.size];
}

/**
 * Evaluates every trigger of the config against one account snapshot. Pure and
 * deterministic: the same inputs give the same results in the browser, the edge and the CLI.
 * Every reason ends with the threshold it was compared to, as a person reads it.
 * An account in a trigger's `holdout` gets `heldOut: true` and no `prompt`.
 * @param now ms since the epoch (or a Date); windows end on its UTC day.
 */
export function evaluateTriggers(
  snapshot: TriggerSnapshot,
  config: Pick<HeadroomConfig, 'plans' | 'triggers'> & EdgeTriggerSettings,
  now: number | Date,
): TriggerResult[] {
  const parsed = parseDays(snapshot);
  const browser = evaluateBrowserTriggers(parsed, config, now);
  let next = 0;
  let facts: EdgeFacts | undefined;
  return config.triggers.map((trigger) => {
    let result: TriggerResult;
    if (!(EDGE_TRIGGER_KINDS as readonly string[]).includes(trigger.kind))
      result = browser[next++] as TriggerResult;
    else {
      facts ??= prepareEdgeFacts(parsed);
      result = evaluateEdgeTrigger(trigger as EdgeTriggerConfig, parsed, config, +now, facts);
    }
    // Marked here, where the edge and the CLI read it; the browser only withholds the prompt.
    if (inTriggerHoldout(trigger, snapshot.claims.sub)) {
      result.heldOut = true;
      delete result.prompt;
    }
    return result;
  });
}

/**
 * `evaluateTriggers` for the kinds a browser can know (usage, seats, gate hits, invites): the
 * edge-only kinds (`EDGE_TRIGGER_KINDS`) give no result, so their code stays out of the SDK.
 */
export function evaluateBrowserTriggers(
  snapshot: TriggerSnapshot,
  config: Pick<HeadroomConfig, 'plans' | 'triggers'> & Partial<Pick<HeadroomConfig, 'meters'>>,
  now: number | Date,
): TriggerResult[] {
  const today = epochDay(+now);
  const { plan, seats } = snapshot.claims;
  const gateHits = rows(snapshot.gateHits);
  const invites = rows(snapshot.invites);
  // The merged live count when the caller has one, else the backend's count from the token.
  const usedOf = (meter: string) => snapshot.meters[meter] ?? snapshot.claims.usage?.[meter] ?? 0;
  // Daily peaks before today, newest first; read once per meter, however many triggers ask.
  const histories = new Map<string, Array<[day: number, used: number]>>();
  const history = (meter: string) => {
    let samples = histories.get(meter);
    if (samples) return samples;
    samples = [];
    for (const { day: raw, used } of snapshot.meterHistory?.[meter] ?? []) {
      const day = toDay(raw);
      if (day < today) samples.push([day, used]); // also drops NaN
    }
    // Newest day first and, within a day, its highest sample first: that one is kept.
    // (The usual input, one sample per day in order, is one run for the sort: O(n).)
    samples.sort((x, y) => y[0] - x[0] || y[1] - x[1]);
    const peaks = samples.filter((sample, i) => sample[0] !== samples?.[i - 1]?.[0]);
    histories.set(meter, peaks);
    return peaks;
  };

  // Edge-only kinds fall through to the last branch (no result).
  return (config.triggers as Array<Exclude<TriggerConfig, EdgeTriggerConfig>>).flatMap((trigger) => {
    let threshold = trigger.atLeast;
    let shown: unknown = threshold;
    let value = 0;
    // What is compared to the threshold: the value itself, or with a hair of tolerance.
    let score: number | undefined;
    let reason: string;
    if (trigger.kind === 'meter_ratio') {
      let best: string | undefined;
      for (const meter of trigger.meters) {
        const limit = meterLimit(config, plan, meter, seats);
        if (limit === null) continue;
        const used = usedOf(meter);
        const ratio = limit > 0 ? used / limit : used > 0 ? Infinity : 0;
        if (best === undefined || ratio > value) {
          best = meter;
          value = ratio;
        }
      }
      // Nothing to compare when every meter is unlimited: the reason names no threshold.
      if (best === undefined) {
        reason = `${trigger.meters.join(', ')} unlimited on plan ${plan}`;
        shown = undefined;
      } else {
        reason = `${best} at ${pct(value)} of its limit`;
        shown = pct(threshold);
        score = value + EPSILON;
      }
    } else if (trigger.kind === 'meter_sustained') {
      const limit = meterLimit(config, plan, trigger.meter, seats);
      const above = (used: number) =>
        limit !== null && (limit > 0 ? used / limit + EPSILON >= threshold : used > 0);
      // Each daily peak carries forward until the next sample; today is the current reading.
      if (above(usedOf(trigger.meter))) {
        let streakStart = today;
        for (const [day, used] of history(trigger.meter)) {
          if (!above(used)) break;
          streakStart = day;
        }
        value = today - streakStart + 1;
      }
      reason = `${trigger.meter} at or above ${pct(threshold)} for ${value} consecutive days`;
      shown = threshold = trigger.days;
    } else if (trigger.kind === 'gate_distinct') {
      value = windowed(gateHits, today, trigger.withinDays, Infinity)[1];
      reason = `${value} distinct gated features hit in ${trigger.withinDays} days`;
    } else if (trigger.kind === 'gate_intent') {
      score = windowed(gateHits, today, trigger.withinDays, trigger.halfLifeDays)[0];
      value = Math.round(score * 100) / 100;
      score += EPSILON;
      reason = `gate intent score ${value} over ${trigger.withinDays} days`;
    } else if (trigger.kind === 'invites_sent') {
      value = windowed(invites, today, trigger.withinDays, Infinity)[0];
      reason = `${value} invites sent in ${trigger.withinDays} days`;
    } else return [];
    const result: TriggerResult = {
      id: trigger.id,
      kind: trigger.kind,
      // Every meter unlimited (nothing shown to compare to): not fired.
      fired: shown !== undefined && (score ?? value) >= threshold,
      value,
      threshold,
      reason: shown === undefined ? reason : `${reason} (threshold ${shown})`,
    };
    // An account in the trigger's holdout is never asked to show its prompt.
    if (trigger.prompt !== undefined && !inTriggerHoldout(trigger, snapshot.claims.sub))
      result.prompt = trigger.prompt;
    return result;
  });
}
