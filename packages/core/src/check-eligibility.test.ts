import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acmeConfig, NOW } from '../test/acme.ts';
import { checkEligibility, isEligible } from './check-eligibility.ts';
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
        unknown: ['health', 'active_users'],
      });
      const at = checkEligibility({ segment, activatedAt: activatedDaysAgo(days) }, acmeConfig, NOW);
      expect(at).toEqual({
        eligible: true,
        reasons: [],
        daysSinceActivation: days,
        unknown: ['health', 'active_users'],
      });
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
      unknown: ['health', 'active_users'],
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

describe('isEligible', () => {
  const segment = fc.constantFrom<Segment>('smb', 'mid_market', 'enterprise');
  // Activation dates around every threshold (whole days and fractions), missing or unparseable.
  const activatedAt = fc.option(
    fc.oneof(
      fc.integer({ min: -100 * DAY_MS, max: 100 * DAY_MS }).map((ms) => new Date(NOW - ms).toISOString()),
      fc.integer({ min: 0, max: 100 }).map((days) => activatedDaysAgo(days)),
      fc.constantFrom('soon', '', '2026-02-30T00:00:00Z'),
    ),
    { nil: undefined },
  );
  const claims = fc.record(
    {
      segment,
      activatedAt,
      health: fc.integer({ min: 0, max: 100 }),
      churnRisk: fc.boolean(),
      seats: fc.integer({ min: 0, max: 200 }),
      activeUsers: fc.integer({ min: 0, max: 200 }),
    },
    { requiredKeys: ['segment'] },
  );
  // As parsed configs hold them: one threshold per segment.
  const perSegment = (value: fc.Arbitrary<number>) =>
    fc.oneof(
      value.map((v) => ({ smb: v, mid_market: v, enterprise: v })),
      fc.record({ smb: value, mid_market: value, enterprise: value }),
    );
  const eligibility = fc.record({
    minDaysSinceActivation: fc.record({
      smb: fc.integer({ min: 0, max: 90 }),
      mid_market: fc.integer({ min: 0, max: 90 }),
      enterprise: fc.integer({ min: 0, max: 90 }),
    }),
    minHealth: perSegment(fc.integer({ min: 0, max: 100 })),
    minActiveUserRatio: perSegment(fc.constantFrom(0, 0.5, 0.6, 0.7, 0.75, 1)),
    suppressOnChurnRisk: fc.boolean(),
    unknownFacts: fc.constantFrom('allow' as const, 'suppress' as const),
  });

  it('gives the verdict of checkEligibility for any claims, config and time', () => {
    fc.assert(
      fc.property(claims, eligibility, fc.integer({ min: -DAY_MS, max: DAY_MS }), (c, e, shift) => {
        const now = NOW + shift;
        expect(isEligible(c, { eligibility: e }, now)).toBe(
          checkEligibility(c, { eligibility: e }, now).eligible,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('blocks on each reason alone and passes an activated, healthy account', () => {
    const ok = { segment: 'smb' as const, activatedAt: activatedDaysAgo(30), health: 90, churnRisk: false };
    expect(isEligible(ok, acmeConfig, NOW)).toBe(true);
    expect(isEligible({ ...ok, activatedAt: activatedDaysAgo(29) }, acmeConfig, NOW)).toBe(false);
    expect(isEligible({ ...ok, activatedAt: undefined }, acmeConfig, NOW)).toBe(false);
    expect(isEligible({ ...ok, health: 74 }, acmeConfig, NOW)).toBe(false);
    expect(isEligible({ ...ok, health: undefined }, acmeConfig, new Date(NOW))).toBe(true);
    expect(isEligible({ ...ok, churnRisk: true }, acmeConfig, NOW)).toBe(false);
  });
});
