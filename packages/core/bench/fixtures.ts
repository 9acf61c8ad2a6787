// Inputs for core's benchmarks: a realistic account against 20 triggers.

import acme from '../examples/acme.config.json' with { type: 'json' };
import { DAY_MS, defineConfig, type HeadroomConfig, isoDay, type TriggerSnapshot } from '../src/index.ts';

export const NOW = Date.UTC(2026, 10, 23, 12);
const today = Math.floor(NOW / DAY_MS);

const base = defineConfig(acme);
/** The canonical config with its 5 triggers, plus 15 more of every kind: 20 in all. */
export const config20: HeadroomConfig = defineConfig({
  ...acme,
  triggers: [
    ...acme.triggers,
    ...Array.from({ length: 3 }, (_, i) => [
      {
        id: `ratio_${i}`,
        kind: 'meter_ratio',
        meters: ['api_calls', 'docs', 'seats'],
        atLeast: 0.5 + i / 10,
      },
      { id: `sustained_${i}`, kind: 'meter_sustained', meter: 'api_calls', atLeast: 0.6, days: 7 + i * 7 },
      { id: `distinct_${i}`, kind: 'gate_distinct', atLeast: 2 + i, withinDays: 7 + i * 7 },
      { id: `intent_${i}`, kind: 'gate_intent', atLeast: 2 + i, withinDays: 30, halfLifeDays: 7 },
      { id: `invites_${i}`, kind: 'invites_sent', atLeast: 3 + i, withinDays: 30 },
    ]).flat(),
  ],
});
if (config20.triggers.length !== 20) throw new Error('expected 20 triggers');
export const baseConfig = base;

/** 20 triggers with the edge-only kinds: the 5 canonical ones, 5 browser kinds, 10 edge kinds. */
export const config20Edge: HeadroomConfig = defineConfig({
  ...acme,
  triggers: [
    ...acme.triggers,
    ...config20.triggers.slice(5, 10),
    ...Array.from({ length: 2 }, (_, i) => [
      { id: `forecast_${i}`, kind: 'meter_forecast', meters: ['api_calls', 'docs'], overDays: 28 - 7 * i },
      {
        id: `events_${i}`,
        kind: 'event_count',
        event: 'workflow_run',
        atLeast: 4,
        withinDays: 7,
        per: 'user',
        sustainedWeeks: 4,
      },
      {
        id: `trait_${i}`,
        kind: 'trait',
        all: [
          { trait: 'renewalDate', withinDays: 60 },
          { trait: 'health', atLeast: 80 },
          { trait: 'employees', grewBy: 0.2 },
        ],
      },
      { id: `power_${i}`, kind: 'power_users' },
      { id: `adoption_${i}`, kind: 'feature_adoption' },
    ]).flat(),
  ],
});
if (config20Edge.triggers.length !== 20) throw new Error('expected 20 triggers');

const features = ['sso', 'audit_log', 'automations', 'comments', 'version_history'];
/** 90 days of history: daily gate hits, invites and usage samples. */
export const snapshot: TriggerSnapshot = {
  claims: { plan: 'team', segment: 'smb', seats: 10, acv: 1440 },
  meters: { api_calls: 82_000, docs: 640, seats: 9 },
  gateHits: Array.from({ length: 90 }, (_, i) => ({
    day: isoDay(today - i),
    feature: features[i % features.length] ?? 'sso',
    count: 1 + (i % 3),
  })),
  invites: Array.from({ length: 30 }, (_, i) => ({ day: isoDay(today - i * 3), count: i % 2 })),
  meterHistory: {
    api_calls: Array.from({ length: 90 }, (_, i) => ({
      day: isoDay(today - 90 + i),
      used: 60_000 + i * 100,
    })),
    seats: Array.from({ length: 90 }, (_, i) => ({ day: isoDay(today - 90 + i), used: 9 })),
  },
  // 30 days × 8 users of tracked events, the backend's traits and a year of headcount.
  events: Array.from({ length: 240 }, (_, i) => ({
    day: isoDay(today - (i % 30)),
    name: ['workflow_run', 'comments', 'version_history'][i % 3] ?? 'comments',
    user: `user_${i % 8}`,
    count: 1 + (i % 5),
  })),
  traits: { renewalDate: isoDay(today + 40), health: 86, employees: 130 },
  traitHistory: {
    employees: Array.from({ length: 12 }, (_, i) => ({
      day: isoDay(today - 30 * (12 - i)),
      value: 100 + i * 3,
    })),
  },
};
