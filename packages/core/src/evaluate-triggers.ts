import type { HeadroomConfig, TriggerConfig } from './config.ts';
import { dayOfIso, epochDay } from './day.ts';
import { meterLimit } from './meter-limit.ts';
import type { DayRef, TriggerResult, TriggerSnapshot } from './trigger-snapshot.ts';

// Ratios are compared with a hair of tolerance so 0.9 × 10 seats counts as 90 %.
const EPSILON = 1e-9;

const toDay = (day: DayRef): number => (typeof day === 'number' ? day : dayOfIso(day));
const pct = (ratio: number) => (Number.isFinite(ratio) ? `${Math.round(ratio * 1000) / 10}%` : 'over 100%');
// The merged live count when the caller has one, else the backend's count from the token.
const usedOf = (snapshot: TriggerSnapshot, meter: string) =>
  snapshot.meters[meter] ?? snapshot.claims.usage?.[meter] ?? 0;

type Evaluator<K extends TriggerConfig['kind']> = (
  trigger: Extract<TriggerConfig, { kind: K }>,
  snapshot: TriggerSnapshot,
  config: Pick<HeadroomConfig, 'plans'>,
  today: number,
) => Omit<TriggerResult, 'id' | 'kind' | 'prompt'>;

const meterRatio: Evaluator<'meter_ratio'> = (trigger, snapshot, config) => {
  let best: { meter: string; ratio: number } | null = null;
  for (const meter of trigger.meters) {
    const limit = meterLimit(config, snapshot.claims.plan, meter);
    if (limit === null) continue;
    const used = usedOf(snapshot, meter);
    const ratio = limit > 0 ? used / limit : used > 0 ? Number.POSITIVE_INFINITY : 0;
    if (best === null || ratio > best.ratio) best = { meter, ratio };
  }
  if (best === null) {
    return {
      fired: false,
      value: 0,
      threshold: trigger.atLeast,
      reason: `${trigger.meters.join(', ')} unlimited on plan ${snapshot.claims.plan}`,
    };
  }
  return {
    fired: best.ratio + EPSILON >= trigger.atLeast,
    value: best.ratio,
    threshold: trigger.atLeast,
    reason: `${best.meter} at ${pct(best.ratio)} of its limit (threshold ${pct(trigger.atLeast)})`,
  };
};

const meterSustained: Evaluator<'meter_sustained'> = (trigger, snapshot, config, today) => {
  const limit = meterLimit(config, snapshot.claims.plan, trigger.meter);
  const above = (used: number) =>
    limit !== null && (limit > 0 ? used / limit + EPSILON >= trigger.atLeast : used > 0);
  // A sample is the day's peak and carries forward until the next one; today is the current
  // reading. Two samples for one day keep the higher.
  const peaks = new Map<number, number>();
  for (const s of snapshot.meterHistory?.[trigger.meter] ?? []) {
    const day = toDay(s.day);
    if (Number.isFinite(day) && day < today) peaks.set(day, Math.max(peaks.get(day) ?? s.used, s.used));
  }
  const samples = [...peaks].map(([day, used]) => ({ day, used })).sort((a, b) => a.day - b.day);
  samples.push({ day: today, used: usedOf(snapshot, trigger.meter) });
  let streakStart = Number.NaN;
  for (let i = samples.length - 1; i >= 0; i--) {
    const sample = samples[i]!;
    if (!above(sample.used)) break;
    streakStart = sample.day;
  }
  const streak = Number.isNaN(streakStart) ? 0 : today - streakStart + 1;
  return {
    fired: streak >= trigger.days,
    value: streak,
    threshold: trigger.days,
    reason: `${trigger.meter} at or above ${pct(trigger.atLeast)} for ${streak} consecutive days (threshold ${trigger.days})`,
  };
};

const inWindow = (day: number, today: number, withinDays: number) => day <= today && day > today - withinDays;

const gateDistinct: Evaluator<'gate_distinct'> = (trigger, snapshot, _config, today) => {
  const features = new Set<string>();
  for (const hit of snapshot.gateHits ?? []) {
    if ((hit.count ?? 1) > 0 && inWindow(toDay(hit.day), today, trigger.withinDays))
      features.add(hit.feature);
  }
  return {
    fired: features.size >= trigger.atLeast,
    value: features.size,
    threshold: trigger.atLeast,
    reason: `${features.size} distinct gated features hit in ${trigger.withinDays} days (threshold ${trigger.atLeast})`,
  };
};

const gateIntent: Evaluator<'gate_intent'> = (trigger, snapshot, _config, today) => {
  let score = 0;
  for (const hit of snapshot.gateHits ?? []) {
    const day = toDay(hit.day);
    if (inWindow(day, today, trigger.withinDays))
      score += (hit.count ?? 1) * 0.5 ** ((today - day) / trigger.halfLifeDays);
  }
  const rounded = Math.round(score * 100) / 100;
  return {
    fired: score + EPSILON >= trigger.atLeast,
    value: rounded,
    threshold: trigger.atLeast,
    reason: `gate intent score ${rounded} over ${trigger.withinDays} days (threshold ${trigger.atLeast})`,
  };
};

const invitesSent: Evaluator<'invites_sent'> = (trigger, snapshot, _config, today) => {
  let sent = 0;
  for (const entry of snapshot.invites ?? []) {
    if (inWindow(toDay(entry.day), today, trigger.withinDays)) sent += entry.count;
  }
  return {
    fired: sent >= trigger.atLeast,
    value: sent,
    threshold: trigger.atLeast,
    reason: `${sent} invites sent in ${trigger.withinDays} days (threshold ${trigger.atLeast})`,
  };
};

const evaluators: { [K in TriggerConfig['kind']]: Evaluator<K> } = {
  meter_ratio: meterRatio,
  meter_sustained: meterSustained,
  gate_distinct: gateDistinct,
  gate_intent: gateIntent,
  invites_sent: invitesSent,
};

/**
 * Evaluates every trigger of the config against one account snapshot. Pure and
 * deterministic: the same inputs give the same results in the browser, the edge and the CLI.
 * @param now ms since the epoch (or a Date); windows end on its UTC day.
 */
export function evaluateTriggers(
  snapshot: TriggerSnapshot,
  config: Pick<HeadroomConfig, 'plans' | 'triggers'>,
  now: number | Date,
): TriggerResult[] {
  const today = epochDay(typeof now === 'number' ? now : now.getTime());
  return config.triggers.map((trigger) => {
    const evaluate = evaluators[trigger.kind] as Evaluator<TriggerConfig['kind']>;
    const result: TriggerResult = {
      id: trigger.id,
      kind: trigger.kind,
      ...evaluate(trigger, snapshot, config, today),
    };
    if (trigger.prompt !== undefined) result.prompt = trigger.prompt;
    return result;
  });
}
