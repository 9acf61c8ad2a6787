import type { HeadroomConfig } from '@headroom/core';
import { experimentWindows } from './experiment-windows.ts';
import type { Storage } from './storage/storage.ts';

type VariantResult = { id: string; weight: number; exposures: number; conversions: number };

/**
 * `GET /v1/admin/experiments`: per experiment, the live version's results and then each earlier
 * version that has exposures, newest first, never pooled (a new version is a new treatment).
 * An earlier version's weights are the last ones the config history gave it.
 */
export async function experimentResults(
  storage: Pick<Storage, 'experimentCounts' | 'configVersions' | 'configVersion'>,
  config: HeadroomConfig,
) {
  const counts = await storage.experimentCounts(experimentWindows(config));
  // "id version" of each earlier version on record → its variants' weights, from the history.
  const weights = new Map<string, Map<string, number> | undefined>();
  for (const row of counts)
    if (row.version !== (config.experiments[row.experimentId]?.version ?? 1))
      weights.set(`${row.experimentId} ${row.version}`, undefined);
  let missing = weights.size;
  for (const { version } of missing > 0 ? await storage.configVersions() : []) {
    const experiments = (await storage.configVersion(version))?.config.experiments ?? {};
    for (const [id, e] of Object.entries(experiments)) {
      const key = `${id} ${e.version ?? 1}`;
      if (weights.has(key) && weights.get(key) === undefined) {
        weights.set(key, new Map(e.variants.map((v) => [v.id, v.weight])));
        missing--;
      }
    }
    if (missing === 0) break;
  }
  return Object.entries(config.experiments).flatMap(([id, e]) => {
    const live = e.version ?? 1;
    const rows = counts.filter((r) => r.experimentId === id);
    const versions = [live, ...new Set(rows.map((r) => r.version).filter((v) => v !== live))];
    return versions.map((version) => {
      const ofVersion = rows.filter((r) => r.version === version);
      const configured =
        version === live
          ? e.variants.map((v) => [v.id, v.weight] as const)
          : [...(weights.get(`${id} ${version}`) ?? [])];
      const listed = new Set(configured.map(([variantId]) => variantId));
      const variants: VariantResult[] = [
        ...configured.map(([variantId, weight]) => {
          const row = ofVersion.find((r) => r.variantId === variantId);
          return {
            id: variantId,
            weight,
            exposures: row?.exposures ?? 0,
            conversions: row?.conversions ?? 0,
          };
        }),
        // A variant removed from the config keeps the units it was shown to, with weight 0,
        // exactly as `experimentCounts` in @headroom/insights reports it: the analysis lists it
        // as retired and leaves it out of the SRM check, so the console and the CLI agree.
        ...ofVersion
          .filter((r) => !listed.has(r.variantId))
          .map((r) => ({ id: r.variantId, weight: 0, exposures: r.exposures, conversions: r.conversions })),
      ];
      return {
        id,
        version,
        current: version === live,
        goal: e.goal,
        unit: e.unit,
        conversionWindowDays: e.conversionWindowDays,
        variants,
      };
    });
  });
}
