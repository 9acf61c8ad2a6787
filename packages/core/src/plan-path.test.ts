import { describe, expect, it } from 'vitest';
import { acmeConfig } from '../test/acme.ts';
import { meterLimit } from './meter-limit.ts';
import { nextReset } from './next-reset.ts';
import { nextPlan, planIncludes, planUnlocking } from './plan-path.ts';

describe('plans', () => {
  it('walks the upgrade path', () => {
    expect(nextPlan(acmeConfig, 'free')).toBe('team');
    expect(nextPlan(acmeConfig, 'business')).toBe('enterprise');
    expect(nextPlan(acmeConfig, 'enterprise')).toBeNull();
    expect(nextPlan(acmeConfig, 'unknown')).toBeNull();
  });

  it('finds the first plan that unlocks a feature; "*" includes everything', () => {
    expect(planUnlocking(acmeConfig, 'free', 'comments')).toBe('team');
    expect(planUnlocking(acmeConfig, 'team', 'sso')).toBe('business');
    expect(planUnlocking(acmeConfig, 'business', 'scim')).toBe('enterprise');
    expect(planIncludes(acmeConfig, 'enterprise', 'anything')).toBe(true);
    expect(planIncludes(acmeConfig, 'team', 'sso')).toBe(false);
  });

  it('reads limits: null is unlimited, absent is unlimited, unknown plan is unlimited', () => {
    expect(meterLimit(acmeConfig, 'team', 'seats')).toBe(10);
    expect(meterLimit(acmeConfig, 'business', 'docs')).toBeNull();
    expect(meterLimit(acmeConfig, 'enterprise', 'seats')).toBeNull();
    expect(meterLimit(acmeConfig, 'nope', 'seats')).toBeNull();
  });
});

describe('nextReset', () => {
  const now = Date.UTC(2026, 10, 23, 12); // a Monday
  it('returns the next UTC period boundary', () => {
    expect(nextReset('daily', now)).toBe(Date.UTC(2026, 10, 24));
    expect(nextReset('weekly', now)).toBe(Date.UTC(2026, 10, 30));
    expect(nextReset('monthly', now)).toBe(Date.UTC(2026, 11, 1));
    expect(nextReset('monthly', Date.UTC(2026, 11, 31, 23))).toBe(Date.UTC(2027, 0, 1));
    expect(nextReset('yearly', now)).toBe(Date.UTC(2027, 0, 1));
    expect(nextReset(undefined, now)).toBeNull();
  });
  it('moves past a boundary it sits on', () => {
    expect(nextReset('weekly', Date.UTC(2026, 10, 23))).toBe(Date.UTC(2026, 10, 30));
    expect(nextReset('monthly', Date.UTC(2026, 10, 1))).toBe(Date.UTC(2026, 11, 1));
  });
});
