import type { HeadroomConfig, TriggerConfig } from './config.ts';
import { dayOfIso, epochDay } from './day.ts';
import { meterLimit } from './meter-limit.ts';
import type { DayRef, TriggerResult, TriggerSnapshot } from './trigger-snapshot.ts';

// Ratios are compared with a hair of tolerance so 0.9 × 10 seats counts as 90 %.
const EPSILON = 1e-9;

// Epoch days are ~20,000 today; a number that large can only be a ms timestamp.
const toDay = (day: DayRef): number =>
  typeof day === 'number' ? (day >= 1e9 ? epochDay(day) : day) : dayOfIso(day);
const pct = (ratio: number) => (Number.isFinite(ratio) ? `${Math.round(ratio * 1000) / 10}%` : 'over 100%');
// The merged live count when the caller has one, else the backend's count from the token.
const usedOf = (snapshot: TriggerSnapshot, meter: string) =>
  snapshot.meters[meter] ?? snapshot.claims.usage?.[meter] ?? 0;

/** The snapshot with every day parsed once per evaluation, shared by all triggers. */
interface Context {
  snapshot: TriggerSnapshot;
  config: Pick<HeadroomConfig, 'plans'>;
  today: number;
  gateHits(): ReadonlyArray<{ day: number; feature: string; count: number }>;
  invites(): ReadonlyArray<{ day: number; count: number }>;
  /** Daily peaks before today, oldest first. */
  history(meter: string): ReadonlyArray<{ day: number; used: number }>;
}

function createContext(
  snapshot: TriggerSnapshot,
  config: Pick<HeadroomConfig, 'plans'>,
  today: number,
): Context {
  let gateHits: ReturnType<Context['gateHits']> | undefined;
  let invites: ReturnType<Context['invites']> | undefined;
  const histories = new Map<string, ReturnType<Context['history']>>();
  return {
    snapshot,
    config,
    today,
    gateHits: () =>
      (gateHits ??= (snapshot.gateHits ?? []).map((hit) => ({
        day: toDay(hit.day),
        feature: hit.feature,
        count: hit.count ?? 1,
      }))),
    invites: () =>
      (invites ??= (snapshot.invites ?? []).map((e) => ({ day: toDay(e.day), count: e.count ?? 1 }))),
    history(meter) {
      let samples = histories.get(meter);
      if (samples === undefined) {
        samples = dailyPeaks(snapshot.meterHistory?.[meter] ?? [], today);
        histories.set(meter, samples);
      }
      return samples;
    },
  };
}

/** Samples before today, one per day (the peak), oldest first. */
function dailyPeaks(
  raw: ReadonlyArray<{ day: DayRef; used: number }>,
  today: number,
): Array<{ day: number; used: number }> {
  const samples: Array<{ day: number; used: number }> = [];
  let ascending = true;
  for (const s of raw) {
    const day = toDay(s.day);
    if (!(day < today)) continue; // also drops NaN
    const last = samples[samples.length - 1];
    if (last !== undefined && day <= last.day) ascending = false;
    samples.push({ day, used: s.used });
  }
  if (ascending) return samples; // the usual shape: one sample per day, in order
  const peaks = new Map<number, number>();
  for (const s of samples) peaks.set(s.day, Math.max(peaks.get(s.day) ?? s.used, s.used));
  return [...peaks].map(([day, used]) => ({ day, used })).sort((a, b) => a.day - b.day);
}

type Evaluator<K extends TriggerConfig['kind']> = (
  trigger: Extract<TriggerConfig, { kind: K }>,
  context: Context,
) => Omit<TriggerResult, 'id' | 'kind' | 'prompt'>;

const meterRatio: Evaluator<'meter_ratio'> = (trigger, { snapshot, config }) => {
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

const meterSustained: Evaluator<'meter_sustained'> = (trigger, context) => {
  const { snapshot, config, today } = context;
  const limit = meterLimit(config, snapshot.claims.plan, trigger.meter);
  const above = (used: number) =>
    limit !== null && (limit > 0 ? used / limit + EPSILON >= trigger.atLeast : used > 0);
  // Each daily peak carries forward until the next sample; today is the current reading.
  let streak = 0;
  if (above(usedOf(snapshot, trigger.meter))) {
    let streakStart = today;
    const samples = context.history(trigger.meter);
    for (let i = samples.length - 1; i >= 0; i--) {
      const sample = samples[i]!;
      if (!above(sample.used)) break;
      streakStart = sample.day;
    }
    streak = today - streakStart + 1;
  }
  return {
    fired: streak >= trigger.days,
    value: streak,
    threshold: trigger.days,
    reason: `${trigger.meter} at or above ${pct(trigger.atLeast)} for ${streak} consecutive days (threshold ${trigger.days})`,
  };
};

const inWindow = (day: number, today: number, withinDays: number) => day <= today && day > today - withinDays;

const gateDistinct: Evaluator<'gate_distinct'> = (trigger, context) => {
  const features = new Set<string>();
  for (const hit of context.gateHits()) {
    if (hit.count > 0 && inWindow(hit.day, context.today, trigger.withinDays)) features.add(hit.feature);
  }
  return {
    fired: features.size >= trigger.atLeast,
    value: features.size,
    threshold: trigger.atLeast,
    reason: `${features.size} distinct gated features hit in ${trigger.withinDays} days (threshold ${trigger.atLeast})`,
  };
};

const gateIntent: Evaluator<'gate_intent'> = (trigger, { gateHits, today }) => {
  let score = 0;
  for (const hit of gateHits()) {
    if (inWindow(hit.day, today, trigger.withinDays))
      score += hit.count * 0.5 ** ((today - hit.day) / trigger.halfLifeDays);
  }
  const rounded = Math.round(score * 100) / 100;
  return {
    fired: score + EPSILON >= trigger.atLeast,
    value: rounded,
    threshold: trigger.atLeast,
    reason: `gate intent score ${rounded} over ${trigger.withinDays} days (threshold ${trigger.atLeast})`,
  };
};

const invitesSent: Evaluator<'invites_sent'> = (trigger, { invites, today }) => {
  let sent = 0;
  for (const entry of invites()) {
    if (inWindow(entry.day, today, trigger.withinDays)) sent += entry.count;
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
  const context = createContext(snapshot, config, today);
  return config.triggers.map((trigger) => {
    const evaluate = evaluators[trigger.kind] as Evaluator<TriggerConfig['kind']>;
    const result: TriggerResult = {
      id: trigger.id,
      kind: trigger.kind,
      ...evaluate(trigger, context),
    };
    if (trigger.prompt !== undefined) result.prompt = trigger.prompt;
    return result;
  });
}
