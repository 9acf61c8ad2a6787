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

type Row = { day: number; feature: string; count: number };

/** The snapshot with every day parsed once per evaluation, shared by all triggers. */
interface Context {
  snapshot: TriggerSnapshot;
  config: Pick<HeadroomConfig, 'plans'>;
  today: number;
  gateHits: Row[];
  invites: Row[];
  /** Daily peaks before today, newest first. */
  history(meter: string): Array<[day: number, used: number]>;
}

// Rows with their day parsed; `count` defaults to 1.
const rows = (list: ReadonlyArray<{ day: DayRef; feature?: string; count?: number }> | undefined): Row[] =>
  (list ?? []).map((row) => ({ day: toDay(row.day), feature: row.feature as string, count: row.count ?? 1 }));

function createContext(
  snapshot: TriggerSnapshot,
  config: Pick<HeadroomConfig, 'plans'>,
  today: number,
): Context {
  const histories = new Map<string, Array<[number, number]>>();
  return {
    snapshot,
    config,
    today,
    gateHits: rows(snapshot.gateHits),
    invites: rows(snapshot.invites),
    history(meter) {
      let peaks = histories.get(meter);
      if (!peaks) {
        peaks = [];
        let ascending = true;
        for (const { day: raw, used } of snapshot.meterHistory?.[meter] ?? []) {
          const day = toDay(raw);
          if (!(day < today)) continue; // also drops NaN
          const last = peaks[peaks.length - 1];
          if (last && day <= last[0]) ascending = false;
          peaks.push([day, used]);
        }
        // The usual shape is one sample per day in order; otherwise keep each day's peak.
        if (!ascending) {
          const byDay = new Map<number, number>();
          for (const [day, used] of peaks) byDay.set(day, Math.max(byDay.get(day) ?? used, used));
          peaks = [...byDay].sort((x, y) => x[0] - y[0]);
        }
        peaks.reverse();
        histories.set(meter, peaks);
      }
      return peaks;
    },
  };
}

type Result = Omit<TriggerResult, 'id' | 'kind' | 'prompt'>;
type Evaluator<K extends TriggerConfig['kind']> = (
  trigger: Extract<TriggerConfig, { kind: K }>,
  context: Context,
) => Result;

// Every reason ends with the threshold it was compared to, as a person reads it.
const result = (
  fired: boolean,
  value: number,
  threshold: number,
  reason: string,
  shown: unknown = threshold,
) => ({
  fired,
  value,
  threshold,
  reason: `${reason} (threshold ${shown})`,
});

/**
 * Rows of `gateHits` or `invites` inside the last `withinDays` days (today included): the sum
 * of count × weight(age in days), and the distinct features among rows with a count.
 */
function windowed(list: Row[], today: number, withinDays: number, weight: (age: number) => number = () => 1) {
  let total = 0;
  const features = new Set<string>();
  for (const { day, feature, count } of list) {
    const age = today - day;
    if (age >= 0 && age < withinDays) {
      total += count * weight(age);
      if (count > 0) features.add(feature);
    }
  }
  return { total, features: features.size };
}

const meterRatio: Evaluator<'meter_ratio'> = (trigger, { snapshot, config }) => {
  let best: { meter: string; ratio: number } | null = null;
  for (const meter of trigger.meters) {
    const limit = meterLimit(config, snapshot.claims.plan, meter);
    if (limit === null) continue;
    const used = usedOf(snapshot, meter);
    const ratio = limit > 0 ? used / limit : used > 0 ? Infinity : 0;
    if (best === null || ratio > best.ratio) best = { meter, ratio };
  }
  return best === null
    ? {
        fired: false,
        value: 0,
        threshold: trigger.atLeast,
        reason: `${trigger.meters.join(', ')} unlimited on plan ${snapshot.claims.plan}`,
      }
    : result(
        best.ratio + EPSILON >= trigger.atLeast,
        best.ratio,
        trigger.atLeast,
        `${best.meter} at ${pct(best.ratio)} of its limit`,
        pct(trigger.atLeast),
      );
};

const meterSustained: Evaluator<'meter_sustained'> = (trigger, { snapshot, config, today, history }) => {
  const limit = meterLimit(config, snapshot.claims.plan, trigger.meter);
  const above = (used: number) =>
    limit !== null && (limit > 0 ? used / limit + EPSILON >= trigger.atLeast : used > 0);
  // Each daily peak carries forward until the next sample; today is the current reading.
  let streak = 0;
  if (above(usedOf(snapshot, trigger.meter))) {
    let streakStart = today;
    for (const [day, used] of history(trigger.meter)) {
      if (!above(used)) break;
      streakStart = day;
    }
    streak = today - streakStart + 1;
  }
  return result(
    streak >= trigger.days,
    streak,
    trigger.days,
    `${trigger.meter} at or above ${pct(trigger.atLeast)} for ${streak} consecutive days`,
  );
};

const gateDistinct: Evaluator<'gate_distinct'> = (trigger, context) => {
  const { features } = windowed(context.gateHits, context.today, trigger.withinDays);
  return result(
    features >= trigger.atLeast,
    features,
    trigger.atLeast,
    `${features} distinct gated features hit in ${trigger.withinDays} days`,
  );
};

const gateIntent: Evaluator<'gate_intent'> = (trigger, context) => {
  const score = windowed(
    context.gateHits,
    context.today,
    trigger.withinDays,
    (age) => 0.5 ** (age / trigger.halfLifeDays),
  ).total;
  const rounded = Math.round(score * 100) / 100;
  return result(
    score + EPSILON >= trigger.atLeast,
    rounded,
    trigger.atLeast,
    `gate intent score ${rounded} over ${trigger.withinDays} days`,
  );
};

const invitesSent: Evaluator<'invites_sent'> = (trigger, context) => {
  const sent = windowed(context.invites, context.today, trigger.withinDays).total;
  return result(
    sent >= trigger.atLeast,
    sent,
    trigger.atLeast,
    `${sent} invites sent in ${trigger.withinDays} days`,
  );
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
  const context = createContext(snapshot, config, epochDay(typeof now === 'number' ? now : now.getTime()));
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
