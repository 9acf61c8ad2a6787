import type { HeadroomConfig } from './config.ts';

type PathConfig = Pick<HeadroomConfig, 'plans' | 'upgradePath'>;

/** The plan after `current` on the upgrade path; `null` at the top or when unknown. */
export function nextPlan(config: PathConfig, current: string): string | null {
  const i = config.upgradePath.indexOf(current);
  return i >= 0 && i + 1 < config.upgradePath.length ? (config.upgradePath[i + 1] ?? null) : null;
}

/** Whether a plan includes a feature (`"*"` includes all). */
export function planIncludes(config: Pick<HeadroomConfig, 'plans'>, plan: string, feature: string): boolean {
  const features = config.plans[plan]?.features ?? [];
  return features.includes('*') || features.includes(feature);
}

/** The first plan above `current` that includes `feature`; `null` when none does. */
export function planUnlocking(config: PathConfig, current: string, feature: string): string | null {
  const path = config.upgradePath;
  return path.slice(path.indexOf(current) + 1).find((plan) => planIncludes(config, plan, feature)) ?? null;
}
