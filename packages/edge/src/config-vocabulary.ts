import { assignVariant, DAY_MS, type ExperimentConfig, type HeadroomConfig } from '@headroom/core';
import type { ConfigVersion, Storage } from './storage/storage.ts';

/** SDKs revalidate their config within minutes; ids of versions published this recently still count. */
export const VOCABULARY_GRACE_MS = DAY_MS;

/** The trigger, prompt, experiment and variant ids events may name. */
export interface ConfigVocabulary {
  triggers: ReadonlySet<string>;
  prompts: ReadonlySet<string>;
  /** Every definition of each experiment among the versions in force. */
  experiments: ReadonlyMap<string, readonly ExperimentConfig[]>;
  /**
   * Whether `variantId` is what assignment gives `unitId` under any config in force that runs
   * this experiment `version` (1 when unset): an exposure counts only for the version it names.
   */
  assigned(experimentId: string, variantId: string, unitId: string, version?: number): boolean;
}

/**
 * The live config's ids, plus those of every version that was still in force within
 * `VOCABULARY_GRACE_MS` of now (replaced by a publish that recent), for SDKs that have not
 * revalidated yet.
 */
export async function createConfigVocabulary(
  storage: Pick<Storage, 'configVersions' | 'configVersion'>,
  live: ConfigVersion,
  now: number,
): Promise<ConfigVocabulary> {
  const versions = (await storage.configVersions()).filter((v) => v.version <= live.version);
  versions.sort((a, b) => b.version - a.version);
  const replacedRecently: number[] = [];
  for (let i = 1; i < versions.length; i++) {
    const successor = versions[i - 1];
    const version = versions[i];
    if (!successor || !version || now - Date.parse(successor.publishedAt) >= VOCABULARY_GRACE_MS) break;
    replacedRecently.push(version.version);
  }
  const older = await Promise.all(replacedRecently.map((v) => storage.configVersion(v)));
  const configs: HeadroomConfig[] = [live.config];
  for (const v of older) if (v) configs.push(v.config);
  return vocabularyOf(configs);
}

/** The vocabulary of a list of configs (the first one live). */
export function vocabularyOf(configs: readonly HeadroomConfig[]): ConfigVocabulary {
  const triggers = new Set<string>();
  const prompts = new Set<string>();
  const experiments = new Map<string, ExperimentConfig[]>();
  for (const config of configs) {
    for (const trigger of config.triggers) triggers.add(trigger.id);
    for (const id of Object.keys(config.prompts)) prompts.add(id);
    for (const [id, experiment] of Object.entries(config.experiments)) {
      const list = experiments.get(id) ?? [];
      list.push(experiment);
      experiments.set(id, list);
    }
  }
  return {
    triggers,
    prompts,
    experiments,
    assigned(experimentId, variantId, unitId, version = 1) {
      return (experiments.get(experimentId) ?? []).some((experiment) => {
        if ((experiment.version ?? 1) !== version) return false;
        const assignment = assignVariant({ ...experiment, id: experimentId }, unitId);
        return assignment.enrolled && assignment.variantId === variantId;
      });
    },
  };
}
