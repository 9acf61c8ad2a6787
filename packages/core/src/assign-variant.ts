import type { ExperimentConfig } from './config.ts';
import { hashUnit } from './hash.ts';

/** Version of the assignment algorithm; bump only with a migration plan. */
export const ASSIGNMENT_VERSION = 1;

/** Which variant a unit sees in one experiment. */
export interface Assignment {
  experimentId: string;
  variantId: string;
  /** The unit's coverage bucket, 0–9999: it is enrolled when bucket < coverage × 10,000. */
  bucket: number;
  /** False when coverage leaves the unit out: it sees the first variant and logs no exposure. */
  enrolled: boolean;
}

/** What assignment reads from an experiment: its id, variant ids and weights, salt and coverage. */
export interface AssignableExperiment extends Partial<Pick<ExperimentConfig, 'salt' | 'coverage'>> {
  id: string;
  variants: ReadonlyArray<Pick<ExperimentConfig['variants'][number], 'id' | 'weight'>>;
}

/**
 * Deterministic variant for a unit (account or user id).
 *
 * Coverage: `bucket = ⌊hashUnit(salt|coverage|unit) × 10,000⌋`; a unit is enrolled when
 * `bucket < coverage × 10,000`, so ramping coverage up only adds units.
 * Variant: weighted rendezvous hashing — each variant scores `weight ÷ −ln(hashUnit(salt|unit|variantId))`
 * and the highest score wins. Each variant wins with probability weight ÷ Σweights, and adding
 * a variant only moves units *to the new variant*, never between existing ones.
 * The salt defaults to the experiment id, so experiments bucket independently.
 */
export function assignVariant(experiment: AssignableExperiment, unitId: string): Assignment {
  const salt = experiment.salt ?? experiment.id;
  const bucket = Math.floor(hashUnit(`${salt}|coverage|${unitId}`) * 10_000);
  const enrolled = bucket < (experiment.coverage ?? 1) * 10_000;
  const first = experiment.variants[0];
  let winner = first?.id ?? '';
  if (enrolled) {
    let best = -Infinity;
    for (const variant of experiment.variants) {
      const score = variant.weight / -Math.log(hashUnit(`${salt}|${unitId}|${variant.id}`));
      if (score > best) {
        best = score;
        winner = variant.id;
      }
    }
  }
  return { experimentId: experiment.id, variantId: winner, bucket, enrolled };
}
