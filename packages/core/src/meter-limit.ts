import type { HeadroomConfig } from './config.ts';

/** The plan's limit for a meter; `null` when unlimited or the plan is unknown. */
export function meterLimit(
  config: Pick<HeadroomConfig, 'plans'>,
  plan: string,
  meter: string,
): number | null {
  return config.plans[plan]?.limits?.[meter] ?? null;
}
