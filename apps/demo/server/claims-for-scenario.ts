import type { AccountClaims } from '@headroom/core';
import type { Scenario } from './scenario.ts';

const DAY_MS = 86_400_000;

/** The account context claims the backend signs for a scenario (the browser never sets them). */
export function claimsForScenario(scenario: Scenario, now: number): Omit<AccountClaims, 'exp' | 'iat'> {
  return {
    sub: scenario.accountId,
    uid: scenario.userId,
    plan: scenario.plan,
    acv: scenario.acv,
    segment: scenario.segment,
    seats: scenario.seats,
    ...(scenario.activationAgeDays === null
      ? {}
      : { activatedAt: new Date(now - scenario.activationAgeDays * DAY_MS).toISOString() }),
    ...(scenario.health === null ? {} : { health: scenario.health }),
    churnRisk: scenario.churnRisk,
    usage: { ...scenario.usage },
  };
}

/** What the demo's "CRM" reports to `POST /v1/server/accounts` for a scenario. */
export function traitsForScenario(scenario: Scenario, now: number): Record<string, unknown> {
  return {
    accountId: scenario.accountId,
    observedAt: now,
    plan: scenario.plan,
    segment: scenario.segment,
    seats: scenario.seats,
    acv: scenario.acv,
    churnRisk: scenario.churnRisk,
    ...(scenario.health === null ? {} : { health: scenario.health }),
    ...(scenario.activationAgeDays === null
      ? {}
      : { activatedAt: new Date(now - scenario.activationAgeDays * DAY_MS).toISOString() }),
    // Everyone holding a used seat is active in the demo.
    activeUsers: Math.min(scenario.usage.seats, scenario.seats),
  };
}
