import { type HeadroomConfig, treatmentChanges } from '@headroom/core';
import { experimentWindows } from './experiment-windows.ts';
import { HttpError } from './http-error.ts';
import type { Storage } from './storage/storage.ts';

/**
 * Refuses (409 `mixes_treatments`) a publish or rollback that changes the copy, weights,
 * variants or bucketing of an experiment version units were already exposed to: its results
 * would pool two treatments. The experiment should start a new version instead
 * (`startNewVersion`), or the request acknowledges it (`acknowledgeMixedTreatments: true`).
 */
export async function refuseMixedTreatments(
  storage: Pick<Storage, 'experimentCounts'>,
  live: HeadroomConfig,
  next: HeadroomConfig,
): Promise<void> {
  const changed = treatmentChanges(live, next);
  if (changed.length === 0) return;
  const windows = experimentWindows(live);
  const counts = await storage.experimentCounts(
    Object.fromEntries(changed.map((c) => [c.experimentId, windows[c.experimentId]!])),
  );
  const issues = changed.flatMap(({ experimentId, version, changes }) => {
    const exposed = counts
      .filter((r) => r.experimentId === experimentId && r.version === version)
      .reduce((sum, r) => sum + r.exposures, 0);
    return exposed === 0
      ? []
      : [
          {
            path: `config.experiments.${experimentId}.variants`,
            message: `version ${version} has ${exposed} exposed unit${exposed === 1 ? '' : 's'}; ${changes.join(', ')}: start a new version (startNewVersion) or send acknowledgeMixedTreatments: true`,
          },
        ];
  });
  if (issues.length > 0)
    throw new HttpError(
      409,
      'mixes_treatments',
      'this change would mix two treatments in the results of running experiments',
      issues,
    );
}
