/** @jsxRuntime classic */
/** @jsx h */
import { nextPlan, nextReset } from '@headroom/core';
import { forecastLine } from './forecast-line.ts';
import { useHeadroom } from './headroom-context.ts';
import { interpolate } from './interpolate.ts';
// biome-ignore lint/correctness/noUnusedImports: `h` is this file's JSX factory (classic runtime, see peers.ts)
import { h, useId, useMemo } from './peers.ts';
import { StateIcon } from './state-icon.tsx';
import { UpgradeButton } from './upgrade-button.tsx';
import { UpgradeOutcome } from './upgrade-outcome.tsx';
import { useStore } from './use-store.ts';
import { useUpgradeFlow } from './use-upgrade-flow.ts';
import { withBoundary } from './widget-boundary.tsx';
import { WidgetRoot } from './widget-root.tsx';

export interface UsageBarProps {
  /** Meter id from the config, e.g. `seats`. */
  meter: string;
  /** Offers "Upgrade to {plan}" once the meter is approaching its limit. @default true */
  cta?: boolean | undefined;
  /**
   * Reserves a line under the bar for the edge's forecast, "At this rate you'll reach 1,000
   * documents around Jan 24", which becomes the bar's accessible description. Shown once
   * `@headroom/widgets/forecast` is imported and a `meter_forecast` trigger projects the meter.
   * @default false
   */
  forecast?: boolean | undefined;
}

function UsageBarView({ meter, cta = true, forecast = false }: UsageBarProps) {
  const context = useHeadroom();
  const { client, fmt, messages: m } = context;
  const forecastId = useId();
  const handle = useMemo(() => client.meter(meter), [client, meter]);
  const state = useStore(handle.$);
  const config = useStore(client.config.$);
  const account = useStore(client.account.$);
  const status = useStore(client.status.$);
  const flow = useUpgradeFlow(`usage_bar:${meter}`);
  const meterConfig = config?.meters[meter];
  const label = meterConfig?.label ?? meter;
  // Numbers only when both are known: the limit (config, the account's plan, the meter) and
  // the value (reported by the host, the token's claim, or the edge's answer).
  const known =
    meterConfig &&
    account &&
    config!.plans[account.plan] &&
    (state.used || account.usage?.[meter] !== undefined || status === 'ready');
  // The visible text ("8,200 of 10,000 calls") and the progressbar's valuetext
  // ("8,200 of 10,000 calls, 82%. Approaching limit"); inline, so no result object to ship.
  const unitOf = (n: number) => fmt.unit(meterConfig!.unit, n);
  let text: string;
  let valueText = '';
  let percent = '';
  let stateLabel = '';
  if (!known) {
    // While the SDK starts, a neutral ellipsis: not yet "unavailable", never a number.
    text = status === 'loading' ? '…' : m.usageUnavailable;
  } else if (state.limit === null) {
    text = valueText = interpolate(m.usageUnlimited, {
      used: fmt.count(state.used),
      unit: unitOf(state.used),
    });
  } else {
    percent = fmt.percent(state.ratio);
    // One notation for both numbers: never "82,000 of 100K".
    const scale = Math.max(state.used, state.limit);
    const values = {
      used: fmt.count(state.used, scale),
      limit: fmt.count(state.limit, scale),
      unit: unitOf(state.limit),
      percent,
    };
    stateLabel =
      state.state === 'approaching'
        ? m.stateApproaching
        : state.state === 'at_limit'
          ? m.stateAtLimit
          : state.state === 'over'
            ? m.stateOver
            : '';
    text = interpolate(m.usageOf, values);
    valueText =
      interpolate(m.usageValueText, {
        ...values,
        used: fmt.number(state.used),
        limit: fmt.number(state.limit),
      }) + (stateLabel ? `. ${stateLabel}` : '');
  }
  const reset = nextReset(meterConfig?.resets, Date.now());
  const forecastText =
    forecast && known && state.limit !== null
      ? forecastLine.text?.(context, meter, state.used, state.limit)
      : '';
  const upgradeTo = known ? nextPlan(config!, account.plan) : null;
  // Keyed on `known`: the numbers arrive in new nodes instead of moving the placeholder's
  // (the meter id and "…"), so a bar's first value is never a layout shift on the host page.
  return (
    <WidgetRoot key={known ? 1 : 0} data-state={known ? state.state : 'unknown'}>
      <div class="hr-head">
        <span part="label">{label}</span>
        <span part="value">
          {text}
          {percent ? <span> · {percent}</span> : null}
        </span>
      </div>
      {known && state.limit !== null && (
        <div
          part="track"
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={state.limit}
          aria-valuenow={Math.min(state.used, state.limit)}
          aria-valuetext={valueText}
          aria-describedby={forecast ? forecastId : undefined}
        >
          <div part="fill" style={{ '--hr-ratio': String(Math.min(state.ratio, 1)) }} />
        </div>
      )}
      <div class="hr-foot">
        {stateLabel ? (
          <span part="state">
            <StateIcon state={state.state} />
            {stateLabel}
          </span>
        ) : null}
        {reset !== null && <span>{interpolate(m.resetsOn, { date: fmt.date(reset) })}</span>}
        {cta && upgradeTo && state.state !== 'ok' ? <UpgradeButton flow={flow} plan={upgradeTo} /> : null}
      </div>
      {/* Always there when asked for, so the sentence arriving shifts nothing. */}
      {forecast && (
        <p part="forecast" id={forecastId}>
          {forecastText}
        </p>
      )}
      <UpgradeOutcome flow={flow} />
    </WidgetRoot>
  );
}

/**
 * A labelled usage bar for one meter: "8,200 of 10,000 calls", percent, state with icon and
 * text, reset date, an upgrade CTA from 80 %, and with `forecast` the projected limit day.
 * While the limit or the value is not known it says "…" while the SDK starts, then "Usage
 * unavailable" (never an invented 0 or "unlimited"), and shows the numbers as soon as they arrive.
 * @example <UsageBar meter="api_calls" />
 */
export const UsageBar = withBoundary('UsageBar', UsageBarView);
