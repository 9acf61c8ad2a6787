import { type AccountClaims, type Assignment, assignVariant, type ExperimentConfig } from '@headroom/core';
import type { ClientContext } from './client-context.ts';
import { isName } from './is-valid.ts';
import { EXPOSURE_LOGGED } from './ledger-kinds.ts';

/** The unit an experiment buckets: the account, or the user for `unit: 'user'`. */
export const unitOf = (experiment: Pick<ExperimentConfig, 'unit'>, claims: AccountClaims): string =>
  experiment.unit === 'user' ? claims.uid : claims.sub;

/** `hr.experiment()` and exposure logging: one `exposure` per unit, the first time it sees its variant. */
export function createExperiments(client: ClientContext) {
  const { $config, $claims } = client;
  // The unit of an experiment of the config, once the token is known.
  const unitIn = (experimentId: string) => {
    const claims = $claims.get();
    const experiment = $config.get()?.experiments[experimentId];
    return claims && experiment ? unitOf(experiment, claims) : undefined;
  };
  const expose = (a: Assignment, unitId = unitIn(a.experimentId)) => {
    // A new version of the experiment is a new exposure. Without a version the key is the one
    // ledgers already hold; an explicit version 1 may log once more, which the edge dedupes.
    const version = $config.get()?.experiments[a.experimentId]?.version;
    if (
      unitId !== undefined &&
      a.enrolled &&
      client.ledger.once(EXPOSURE_LOGGED, `${a.experimentId}|${unitId}${version ? `|${version}` : ''}`)
    )
      client.emit('exposure', {
        experimentId: a.experimentId,
        variantId: a.variantId,
        unitId,
        // Left out of the JSON sent when undefined (version 1).
        experimentVersion: version,
      });
  };
  return {
    expose,
    variantOf: client.guard((id: string): Assignment | null => {
      const unit = isName(id) ? unitIn(id) : undefined;
      if (unit === undefined) return null;
      // A unit is only known for an experiment of the config.
      const assignment = assignVariant({ ...($config.get()?.experiments[id] as ExperimentConfig), id }, unit);
      expose(assignment, unit);
      return assignment;
    }, null),
  };
}
