import type { HeadroomConfig } from '@headroom/core';

/** The display name of a plan id from the config, or the id itself when the config has none. */
export function planName(config: HeadroomConfig | null | undefined, plan: string): string {
  return config?.plans[plan]?.name ?? plan;
}
