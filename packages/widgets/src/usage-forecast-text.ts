import { nextReset } from '@headroom/core';
import { meterForecast } from '@headroom/sdk/forecast';
import type { HeadroomContextValue } from './headroom-context.ts';
import { interpolate } from './interpolate.ts';

/** The forecast sentence in English and German; `messages.usageForecast` overrides it. */
export const forecastMessages = {
  en: "At this rate you'll reach {limit} {unit} around {date}",
  de: 'Bei diesem Tempo erreichen Sie {limit} {unit} etwa am {date}',
} as const;

/**
 * "At this rate you'll reach 1,000 documents around Jan 24": the edge's projection of the day
 * `meter` reaches `limit`, in the provider's locale, or '' when there is nothing to say: no
 * projection (too little data, a flat trend, no `meter_forecast` trigger), one for another limit
 * (the plan changed), a meter already at its limit, or a day on or after the meter's next reset
 * (a monthly meter starts from zero first).
 */
export function usageForecastText(
  { client, fmt, messages }: HeadroomContextValue,
  meter: string,
  used: number,
  limit: number,
): string {
  const now = Date.now();
  const forecast = meterForecast(client, meter, now);
  const meterConfig = client.config.$.get()?.meters[meter];
  const reset = nextReset(meterConfig?.resets, now);
  if (!forecast || !meterConfig || forecast.limit !== limit || used >= limit) return '';
  if (reset !== null && forecast.reachesAt >= reset) return '';
  return interpolate(messages.usageForecast ?? forecastMessages[/^de\b/i.test(fmt.locale) ? 'de' : 'en'], {
    limit: fmt.count(limit),
    unit: fmt.unit(meterConfig.unit, limit),
    date: fmt.date(forecast.reachesAt),
  });
}
