import type { HeadroomConfig } from './config.ts';

/** How a draft changes what the units of a running experiment version are shown. */
export interface TreatmentChange {
  experimentId: string;
  /** The experiment version (1 when unset) both configs run: its results would mix treatments. */
  version: number;
  /** One line per change, e.g. `variant momentum: copy changed`, `variant bold: added`. */
  changes: string[];
}

// Copy is plain JSON (strings, later locale maps): equal whatever the key order.
const sameJson = (a: unknown, b: unknown): boolean =>
  a === b ||
  (typeof a === 'object' &&
    typeof b === 'object' &&
    a !== null &&
    b !== null &&
    Object.keys(a).length === Object.keys(b).length &&
    Object.entries(a).every(([key, value]) => sameJson(value, (b as Record<string, unknown>)[key])));

/**
 * The experiments whose treatments the draft changes without starting a new version: a variant's
 * copy or weight changed, a variant added or removed, or the salt or assignment algorithm
 * changed (which re-buckets units). Exposures already counted would then be pooled with
 * exposures to something else; `startNewVersion` keeps the two apart.
 */
export function treatmentChanges(
  live: Pick<HeadroomConfig, 'experiments'>,
  draft: Pick<HeadroomConfig, 'experiments'>,
): TreatmentChange[] {
  const found: TreatmentChange[] = [];
  for (const [experimentId, before] of Object.entries(live.experiments)) {
    const after = draft.experiments[experimentId];
    const version = before.version ?? 1;
    // A removed experiment shows nothing any more; a new version is kept apart by design.
    if (after === undefined || (after.version ?? 1) !== version) continue;
    const changes: string[] = [];
    for (const variant of before.variants) {
      const next = after.variants.find((v) => v.id === variant.id);
      if (next === undefined) changes.push(`variant ${variant.id}: removed`);
      else {
        if (next.weight !== variant.weight)
          changes.push(`variant ${variant.id}: weight ${variant.weight} → ${next.weight}`);
        if (!sameJson(next.copy, variant.copy)) changes.push(`variant ${variant.id}: copy changed`);
      }
    }
    for (const variant of after.variants)
      if (!before.variants.some((v) => v.id === variant.id)) changes.push(`variant ${variant.id}: added`);
    if ((after.salt ?? experimentId) !== (before.salt ?? experimentId)) changes.push('salt changed');
    if ((after.assignmentVersion ?? 1) !== (before.assignmentVersion ?? 1))
      changes.push('assignment algorithm changed');
    if (changes.length > 0) found.push({ experimentId, version, changes });
  }
  return found;
}
