import type { HeadroomConfig } from '@headroom/core';
import type { ExperimentWindows } from './storage/storage.ts';

/** Each experiment's goal, conversion window and unit: what its aggregates are kept by. */
export function experimentWindows(config: Pick<HeadroomConfig, 'experiments'>): ExperimentWindows {
  return Object.fromEntries(
    Object.entries(config.experiments).map(([id, e]) => [
      id,
      { goal: e.goal, days: e.conversionWindowDays, unit: e.unit },
    ]),
  );
}
