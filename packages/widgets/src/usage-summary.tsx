import { useId } from 'preact/hooks';
import { useHeadroom } from './headroom-context.ts';
import { interpolate } from './interpolate.ts';
import { UsageBar } from './usage-bar.tsx';
import { useStore } from './use-store.ts';
import { withBoundary } from './widget-boundary.tsx';
import { WidgetRoot } from './widget-root.tsx';

export interface UsageSummaryProps {
  /** Meters to show, in order. @default every meter in the config */
  meters?: readonly string[] | undefined;
  /** Passed to each bar. @default true */
  cta?: boolean | undefined;
}

function UsageSummaryView({ meters, cta = true }: UsageSummaryProps) {
  const { client, messages: m } = useHeadroom();
  const titleId = useId();
  const config = useStore(client.config.$);
  const account = useStore(client.account.$);
  if (config === null) return null;
  const ids = meters ?? Object.keys(config.meters);
  const planName = account ? (config.plans[account.plan]?.name ?? account.plan) : '';
  return (
    <WidgetRoot class="hr-summary">
      <section aria-labelledby={planName ? titleId : undefined}>
        {planName ? (
          <h2 id={titleId} class="hr-title" part="title">
            {interpolate(m.summaryTitle, { plan: planName })}
          </h2>
        ) : null}
        <ul class="hr-summary-list">
          {ids.map((id) => (
            <li key={id}>
              <UsageBar meter={id} cta={cta} />
            </li>
          ))}
        </ul>
      </section>
    </WidgetRoot>
  );
}

/**
 * Every meter of the account's plan as a list of usage bars.
 * @example <UsageSummary />
 */
export const UsageSummary = withBoundary('UsageSummary', UsageSummaryView);
