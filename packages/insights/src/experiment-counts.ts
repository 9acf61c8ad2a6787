import type { HeadroomConfig } from '@headroom/core';
import type { ExperimentCounts } from './analyze-experiment.ts';
import type { StoredEvent } from './stored-event.ts';

const DAY_MS = 86_400_000;

/**
 * Counts exposures and conversions per variant from raw stored events, with the same rules as
 * the edge's admin API: a unit (account or user, per experiment) belongs to the variant of its
 * first exposure; it converts when a goal event reported by the host's backend (`source:
 * 'server'`) follows within `conversionWindowDays`, counted once per unit. Browser-sent goal
 * events, including `upgrade_completed`, never count.
 */
export function experimentCounts(
  config: Pick<HeadroomConfig, 'experiments'>,
  events: Iterable<StoredEvent>,
): Array<ExperimentCounts & { id: string }> {
  const experiments = Object.entries(config.experiments);
  const exposures = new Map<string, Map<string, { variantId: string; ts: number }>>();
  const goals = new Map<string, Map<string, number[]>>(); // goal → unit key → times
  for (const [id, experiment] of experiments) {
    exposures.set(id, new Map());
    if (!goals.has(experiment.goal)) goals.set(experiment.goal, new Map());
  }
  for (const event of events) {
    if (event.type === 'exposure') {
      const experiment = config.experiments[event.experimentId];
      const units = exposures.get(event.experimentId);
      if (experiment === undefined || units === undefined) continue;
      const unit = unitOf(event, experiment.unit);
      if (unit === undefined) continue;
      const first = units.get(unit);
      if (first === undefined || event.ts < first.ts)
        units.set(unit, { variantId: event.variantId, ts: event.ts });
      continue;
    }
    if (event.source !== 'server') continue;
    const goal = event.type === 'custom' ? event.name : event.type;
    const byUnit = goals.get(goal);
    if (byUnit === undefined) continue;
    for (const key of [`account:${event.accountId}`, `user:${event.userId ?? ''}`]) {
      const times = byUnit.get(key);
      if (times === undefined) byUnit.set(key, [event.ts]);
      else times.push(event.ts);
    }
  }
  return experiments.map(([id, experiment]) => {
    const tally = new Map(experiment.variants.map((v) => [v.id, { exposures: 0, conversions: 0 }]));
    const byUnit = goals.get(experiment.goal)!;
    const windowMs = experiment.conversionWindowDays * DAY_MS;
    for (const [unit, first] of exposures.get(id)!) {
      let counts = tally.get(first.variantId);
      if (counts === undefined) {
        // A variant removed from the config still owns the units it was shown to.
        counts = { exposures: 0, conversions: 0 };
        tally.set(first.variantId, counts);
      }
      counts.exposures++;
      const times = byUnit.get(`${experiment.unit}:${unit}`) ?? [];
      if (times.some((t) => t >= first.ts && t < first.ts + windowMs)) counts.conversions++;
    }
    const weights = new Map(experiment.variants.map((v) => [v.id, v.weight]));
    return {
      id,
      goal: experiment.goal,
      unit: experiment.unit,
      conversionWindowDays: experiment.conversionWindowDays,
      variants: [...tally].map(([variantId, counts]) => ({
        id: variantId,
        weight: weights.get(variantId) ?? 0,
        ...counts,
      })),
    };
  });
}

// The unit is the verified account or user id, never a browser-supplied unitId.
function unitOf(event: StoredEvent, unit: 'account' | 'user'): string | undefined {
  return unit === 'user' ? event.userId : event.accountId;
}
