import { planIncludes, planUnlocking } from '@headroom/core';
import type { ClientContext } from './client-context.ts';
import { derive } from './derive.ts';
import { GATE_HIT } from './ledger-kinds.ts';
import { type ReadableStore, store } from './store.ts';
import type { GateHandle } from './types.ts';

/**
 * One gated feature. Unknown config or token: fail open, since the host's server enforces
 * entitlements anyway; a check the plan does not pass records a gate hit.
 */
export function createGate(client: ClientContext, feature: string): GateHandle {
  const { $config, $claims, forPlan, guard } = client;
  const $ = derive([$config, $claims], () => forPlan(planIncludes, feature) ?? true);
  const hit = () => {
    client.ledger.mark(GATE_HIT, feature);
    client.emit('gate_hit', { feature });
  };
  return {
    check: guard(() => {
      const entitled = $.get();
      if (!entitled) hit();
      return entitled;
    }, true),
    hit: guard(hit),
    $,
    unlockedBy: derive([$config, $claims], () => forPlan(planUnlocking, feature) ?? null),
  };
}

/** What `hr.gate()` answers for a feature that is not a name: entitled, hits dropped and counted. */
export const noopGate = (drop: ClientContext['drop'], none: ReadableStore<null>): GateHandle => ({
  check: () => true,
  hit: () => drop('gate'),
  $: store(true),
  unlockedBy: none,
});
