import type { ExperimentConfig } from './config.ts';
import { hashUnit } from './hash.ts';

/**
 * The newest assignment algorithm. An experiment states the version it was started with
 * (`assignmentVersion`, default 1): a live experiment never changes version, since that would
 * re-bucket its units; a new or restarted one should use this.
 */
export const ASSIGNMENT_VERSION = 2;

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
export interface AssignableExperiment
  extends Partial<Pick<ExperimentConfig, 'salt' | 'coverage' | 'assignmentVersion'>> {
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
 *
 * Version 1 hashes `salt|coverage|unit` and `salt|unit|variant`. FNV-1a keeps 32 bits of state,
 * so two salts whose prefixes collide ("costarring" and "liquid") assign every unit alike.
 * Version 2 puts the unit in front (`unit|salt|coverage|unit`, `unit|salt|unit|variant`): the salts then
 * enter the hash from a different state for each unit, and a collision holds for about one
 * unit in 2³², not for all of them.
 */
export function assignVariant(experiment: AssignableExperiment, unitId: string): Assignment {
  // Version 2 hashes the unit before the salt (see above).
  const salted = `${experiment.assignmentVersion === 2 ? `${unitId}|` : ''}${experiment.salt ?? experiment.id}`;
  const bucket = Math.floor(hashUnit(`${salted}|coverage|${unitId}`) * 10_000);
  const enrolled = bucket < (experiment.coverage ?? 1) * 10_000;
  const first = experiment.variants[0];
  let winner = first?.id ?? '';
  if (enrolled) {
    let best = -Infinity;
    for (const variant of experiment.variants) {
      const score = variant.weight / -Math.log(hashUnit(`${salted}|${unitId}|${variant.id}`));
      if (score > best) {
        best = score;
        winner = variant.id;
      }
    }
  }
  return { experimentId: experiment.id, variantId: winner, bucket, enrolled };
}
