/** @jsxRuntime classic */
/** @jsx h */
import { useHeadroom } from './headroom-context.ts';
import { interpolate } from './interpolate.ts';
// biome-ignore lint/correctness/noUnusedImports: `h` is this file's JSX factory (classic runtime, see peers.ts)
import { h } from './peers.ts';
import { planName } from './plan-name.ts';
import { useStore } from './use-store.ts';
import type { UpgradeFlow } from './use-upgrade-flow.ts';

/** "Upgrade to {plan}": starts the flow for `plan`; hidden once an upgrade is under way. */
export function UpgradeButton({ flow, plan }: { flow: UpgradeFlow; plan: string }) {
  const { client, messages: m } = useHeadroom();
  const config = useStore(client.config.$);
  if (flow.step !== 'idle') return null;
  return (
    <button type="button" part="cta" onClick={() => flow.start(plan)}>
      {interpolate(m.upgradeTo, { plan: planName(config, plan) })}
    </button>
  );
}
