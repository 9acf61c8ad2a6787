import type { Assignment } from '@headroom/core';
import { useMemo } from 'react';
import { useAtom } from './use-atom.ts';
import { useHeadroom } from './use-headroom.ts';

/**
 * The unit's variant in an experiment, or null until the config is known. The SDK logs one
 * exposure per unit, however often this renders.
 * @example const variant = useExperiment('usage_copy')?.variantId;
 */
export function useExperiment(id: string): Assignment | null {
  const client = useHeadroom();
  const config = useAtom(client?.config.$ ?? null, null);
  return useMemo(() => (client && config ? client.experiment(id) : null), [client, config, id]);
}
