/** @jsxRuntime classic */
/** @jsx h */
import { nextPlan } from '@headroom/core';
import { useHeadroom } from './headroom-context.ts';
import { interpolate } from './interpolate.ts';
// biome-ignore lint/correctness/noUnusedImports: `h` is this file's JSX factory (classic runtime, see peers.ts)
import { h, useEffect, useId, useMemo, useState } from './peers.ts';
import { planName } from './plan-name.ts';
import { UpgradeButton } from './upgrade-button.tsx';
import { UpgradeOutcome } from './upgrade-outcome.tsx';
import { UsageBar } from './usage-bar.tsx';
import { useStore } from './use-store.ts';
import { useUpgradeFlow } from './use-upgrade-flow.ts';
import { withBoundary } from './widget-boundary.tsx';
import { WidgetRoot } from './widget-root.tsx';

export interface UsageSummaryProps {
  /** Meters to show, in order. @default every meter in the config */
  meters?: readonly string[] | undefined;
  /** Offers one "Upgrade to {plan}" for the whole summary once any meter reaches 80 %. @default true */
  cta?: boolean | undefined;
}

function UsageSummaryView({ meters, cta = true }: UsageSummaryProps) {
  const { client, messages: m } = useHeadroom();
  const config = useStore(client.config.$);
  const account = useStore(client.account.$);
  const status = useStore(client.status.$);
  const titleId = useId();
  const flow = useUpgradeFlow('usage_summary');
  const ids = meters ?? (config ? Object.keys(config.meters) : []);
  const key = ids.join('\n');
  // Keyed by the ids' content, not the array identity (a new array every render).
  const stores = useMemo(() => ids.map((id) => client.meter(id).$), [client, key]);
  // Whether any meter is at 80 % or more; listened to directly (no derived store to ship).
  const [pressed, setPressed] = useState(false);
  useEffect(() => {
    const check = () => setPressed(stores.some((store) => store.get().state !== 'ok'));
    check();
    const stops = stores.map((store) => store.listen(check));
    return () => {
      for (const stop of stops) stop();
    };
  }, [stores]);
  // Nothing to list yet; once start-up is over, an unknown config says so (below).
  if (!ids.length && status === 'loading') return null;
  const plan = config && account ? planName(config, account.plan) : '';
  const upgradeTo = config && account ? nextPlan(config, account.plan) : null;
  return (
    <WidgetRoot class="hr hr-summary">
      <section aria-labelledby={plan ? titleId : undefined}>
        <div class="hr-head">
          {plan ? (
            <h2 id={titleId} part="title">
              {interpolate(m.summaryTitle, { plan })}
            </h2>
          ) : null}
          {cta && pressed && upgradeTo ? <UpgradeButton flow={flow} plan={upgradeTo} /> : null}
        </div>
        <UpgradeOutcome flow={flow} />
        <ul>
          {ids.length || config ? (
            ids.map((id) => (
              <li key={id}>
                <UsageBar meter={id} cta={false} />
              </li>
            ))
          ) : (
            <li part="value">{m.usageUnavailable}</li>
          )}
        </ul>
      </section>
    </WidgetRoot>
  );
}

/**
 * Every meter of the account's plan as a list of usage bars, with one upgrade CTA once any
 * of them is approaching its limit. Without a config after start-up it says "Usage
 * unavailable" rather than rendering nothing.
 * @example <UsageSummary />
 */
export const UsageSummary = withBoundary('UsageSummary', UsageSummaryView);
