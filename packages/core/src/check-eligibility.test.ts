import { describe, expect, it } from 'vitest';
import { acmeConfig, NOW } from '../test/acme.ts';
import { checkEligibility } from './check-eligibility.ts';
import type { Segment } from './config.ts';
import { DAY_MS } from './day.ts';

const activatedDaysAgo = (days: number) => new Date(NOW - days * DAY_MS).toISOString();

describe('checkEligibility', () => {
  it.each([
    ['smb', 30],
    ['mid_market', 45],
    ['enterprise', 60],
  ] as const)(
    '%s: blocked one day before %i days since activation, eligible at it',
    (segment: Segment, days) => {
      const before = checkEligibility({ segment, activatedAt: activatedDaysAgo(days - 1) }, acmeConfig, NOW);
      expect(before).toEqual({
        eligible: false,
        reasons: ['activation_too_recent'],
        daysSinceActivation: days - 1,
      });
      const at = checkEligibility({ segment, activatedAt: activatedDaysAgo(days) }, acmeConfig, NOW);
      expect(at).toEqual({ eligible: true, reasons: [], daysSinceActivation: days });
    },
  );

  it('counts whole days: 29 days and 23 hours is still 29', () => {
    const almost = new Date(NOW - 30 * DAY_MS + 3_600_000).toISOString();
    expect(checkEligibility({ segment: 'smb', activatedAt: almost }, acmeConfig, NOW).eligible).toBe(false);
  });

  it('blocks an account that was never activated', () => {
    expect(checkEligibility({ segment: 'smb' }, acmeConfig, NOW)).toEqual({
      eligible: false,
      reasons: ['not_activated'],
      daysSinceActivation: null,
    });
  });

  it('blocks health 74 and allows health 75', () => {
    const activatedAt = activatedDaysAgo(100);
    expect(checkEligibility({ segment: 'smb', activatedAt, health: 74 }, acmeConfig, NOW).reasons).toEqual([
      'low_health',
    ]);
    expect(checkEligibility({ segment: 'smb', activatedAt, health: 75 }, acmeConfig, NOW).eligible).toBe(
      true,
    );
  });

  it('suppresses prompts during churn risk, unless the config turns that off', () => {
    const claims = { segment: 'smb', activatedAt: activatedDaysAgo(100), churnRisk: true } as const;
    expect(checkEligibility(claims, acmeConfig, NOW).reasons).toEqual(['churn_risk']);
    expect(checkEligibility({ ...claims, churnRisk: false }, acmeConfig, NOW).eligible).toBe(true);
    const lenient = { eligibility: { ...acmeConfig.eligibility, suppressOnChurnRisk: false } };
    expect(checkEligibility(claims, lenient, new Date(NOW)).eligible).toBe(true);
  });

  it('lists every blocking reason at once', () => {
    const result = checkEligibility(
      { segment: 'enterprise', activatedAt: activatedDaysAgo(10), health: 20, churnRisk: true },
      acmeConfig,
      NOW,
    );
    expect(result.reasons).toEqual(['activation_too_recent', 'low_health', 'churn_risk']);
  });

  it('treats an unparseable activation date as not activated', () => {
    expect(checkEligibility({ segment: 'smb', activatedAt: 'soon' }, acmeConfig, NOW).reasons).toEqual([
      'not_activated',
    ]);
  });
});
