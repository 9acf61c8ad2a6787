import type { MeterConfig, MeterState } from '@headroom/core';
import type { Formatter } from './create-formatter.ts';
import { interpolate } from './interpolate.ts';
import type { Messages } from './messages.ts';

/** The visible and the screen-reader text of a meter, e.g. "8,200 of 10,000 calls". */
export function meterText(state: MeterState, meter: MeterConfig | undefined, fmt: Formatter, m: Messages) {
  const unitOf = (n: number) => (meter ? fmt.unit(meter.unit, n) : '');
  if (state.limit === null) {
    const text = interpolate(m.usageUnlimited, { used: fmt.count(state.used), unit: unitOf(state.used) });
    return { text, valueText: text, percent: '' };
  }
  const percent = fmt.percent(state.ratio);
  // One notation for both numbers: never "82,000 of 100K".
  const scale = Math.max(state.used, state.limit);
  const values = {
    used: fmt.count(state.used, scale),
    limit: fmt.count(state.limit, scale),
    unit: unitOf(state.limit),
    percent,
  };
  const exact = { ...values, used: fmt.number(state.used), limit: fmt.number(state.limit) };
  const stateLabel =
    state.state === 'approaching'
      ? m.stateApproaching
      : state.state === 'at_limit'
        ? m.stateAtLimit
        : state.state === 'over'
          ? m.stateOver
          : '';
  const valueText = interpolate(m.usageValueText, exact) + (stateLabel ? `. ${stateLabel}` : '');
  return { text: interpolate(m.usageOf, values), valueText, percent, stateLabel };
}
