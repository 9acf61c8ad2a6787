import { EDGE_TRIGGER_KINDS, type TriggerResult } from '@headroom/core';
import type { AccountStateRow } from './storage/storage.ts';

const EDGE_KINDS: ReadonlySet<string> = new Set(EDGE_TRIGGER_KINDS);

/** The account's results of the trigger kinds only the edge evaluates, in config order. */
export function edgeResultsOf(state: AccountStateRow | null): TriggerResult[] {
  return (state?.results ?? []).filter((result) => EDGE_KINDS.has(result.kind));
}

/** A meter's projected limit day, for the usage bar ("around 24 Jan"). */
export interface MeterForecast {
  limit: number;
  /** UTC day, `YYYY-MM-DD`. */
  reachesOn: string;
  /** Whether the forecast trigger fired (the day is within its `withinDays`). */
  fired: boolean;
}

/** Per meter, the earliest projected limit day among the `meter_forecast` results. */
export function forecastsOf(state: AccountStateRow | null): Record<string, MeterForecast> {
  const out: Record<string, MeterForecast> = {};
  for (const result of state?.results ?? []) {
    const forecast = result.kind === 'meter_forecast' ? result.forecast : undefined;
    if (forecast === undefined) continue;
    const known = out[forecast.meter];
    if (known === undefined || forecast.reachesOn < known.reachesOn) {
      out[forecast.meter] = { limit: forecast.limit, reachesOn: forecast.reachesOn, fired: result.fired };
    }
  }
  return out;
}
