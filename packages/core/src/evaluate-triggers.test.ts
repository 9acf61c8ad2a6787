import { describe, expect, it } from 'vitest';
import { acmeConfig, daysAgo, NOW } from '../test/acme.ts';
import type { HeadroomConfig, TriggerConfig } from './config.ts';
import { evaluateTriggers } from './evaluate-triggers.ts';
import type { TriggerResult, TriggerSnapshot } from './trigger-snapshot.ts';

const team = { plan: 'team' } as const;

function only(id: string, snapshot: TriggerSnapshot, config: HeadroomConfig = acmeConfig): TriggerResult {
  const result = evaluateTriggers(snapshot, config, NOW).find((r) => r.id === id);
  if (!result) throw new Error(`no result for ${id}`);
  return result;
}

function withTriggers(...triggers: TriggerConfig[]): HeadroomConfig {
  return { ...acmeConfig, triggers };
}

describe('evaluateTriggers', () => {
  it('returns one result per trigger, in config order, with the trigger prompt', () => {
    const results = evaluateTriggers({ claims: team, meters: {} }, acmeConfig, NOW);
    expect(results.map((r) => r.id)).toEqual([
      'usage_ceiling',
      'seat_saturation',
      'seat_pressure',
      'feature_exploration',
      'collaboration_surge',
    ]);
    expect(results.every((r) => !r.fired)).toBe(true);
    expect(results.map((r) => r.prompt)).toEqual([
      'usage_upgrade',
      'seat_upgrade',
      'seat_upgrade',
      'tier_upgrade',
      'seat_upgrade',
    ]);
  });

  it('accepts a Date as now', () => {
    const snapshot = { claims: team, meters: { api_calls: 90_000 } };
    expect(evaluateTriggers(snapshot, acmeConfig, new Date(NOW))).toEqual(
      evaluateTriggers(snapshot, acmeConfig, NOW),
    );
  });

  describe('usage ceiling (meter_ratio ≥ 80 %)', () => {
    it('does not fire at 79.9 % and fires at 80 %', () => {
      expect(only('usage_ceiling', { claims: team, meters: { api_calls: 79_900 } }).fired).toBe(false);
      const at = only('usage_ceiling', { claims: team, meters: { api_calls: 80_000 } });
      expect(at).toMatchObject({ fired: true, value: 0.8, threshold: 0.8 });
      expect(at.reason).toBe('api_calls at 80% of its limit (threshold 80%)');
    });

    it('takes the fullest of its meters', () => {
      const result = only('usage_ceiling', { claims: team, meters: { api_calls: 10_000, docs: 850 } });
      expect(result).toMatchObject({ fired: true, value: 0.85 });
      expect(result.reason).toContain('docs at 85%');
    });

    it('ignores unlimited meters and says so when every meter is unlimited', () => {
      const config = withTriggers({ id: 'docs_only', kind: 'meter_ratio', meters: ['docs'], atLeast: 0.8 });
      const result = only('docs_only', { claims: { plan: 'business' }, meters: { docs: 1e9 } }, config);
      expect(result.fired).toBe(false);
      expect(result.reason).toContain('unlimited');
    });

    it("falls back to the token's usage when the live count is missing", () => {
      const claims = { plan: 'team', usage: { api_calls: 95_000 } };
      expect(only('usage_ceiling', { claims, meters: {} }).fired).toBe(true);
      expect(only('usage_ceiling', { claims, meters: { api_calls: 10 } }).fired).toBe(false);
    });
  });

  describe('seat saturation (meter_ratio ≥ 90 %)', () => {
    const config: HeadroomConfig = {
      ...acmeConfig,
      plans: { ...acmeConfig.plans, big: { ...acmeConfig.plans.team!, limits: { seats: 1000 } } },
    };
    it('does not fire at 89.9 % and fires at 90 %', () => {
      expect(only('seat_saturation', { claims: { plan: 'big' }, meters: { seats: 899 } }, config).fired).toBe(
        false,
      );
      expect(only('seat_saturation', { claims: { plan: 'big' }, meters: { seats: 900 } }, config).fired).toBe(
        true,
      );
    });
    it('fires at 9 of 10 seats on Team (0.9 is not exact in binary)', () => {
      expect(only('seat_saturation', { claims: team, meters: { seats: 9 } }).fired).toBe(true);
      expect(only('seat_saturation', { claims: team, meters: { seats: 8 } }).fired).toBe(false);
    });
  });

  describe('sustained seat pressure (≥ 80 % for 14 consecutive days)', () => {
    const history = (...samples: Array<[number, number]>) => ({
      seats: samples.map(([ago, used]) => ({ day: daysAgo(ago), used })),
    });

    it('does not fire after 13 days and fires after 14', () => {
      const thirteen = only('seat_pressure', {
        claims: team,
        meters: { seats: 8 },
        meterHistory: history([12, 8]),
      });
      expect(thirteen).toMatchObject({ fired: false, value: 13, threshold: 14 });
      const fourteen = only('seat_pressure', {
        claims: team,
        meters: { seats: 8 },
        meterHistory: history([13, 8]),
      });
      expect(fourteen).toMatchObject({ fired: true, value: 14 });
      expect(fourteen.reason).toBe('seats at or above 80% for 14 consecutive days (threshold 14)');
    });

    it('carries a sample forward over days without samples', () => {
      const result = only('seat_pressure', {
        claims: team,
        meters: { seats: 9 },
        meterHistory: history([40, 2], [20, 9]),
      });
      expect(result).toMatchObject({ fired: true, value: 21 });
    });

    it('restarts the streak after a dip', () => {
      const result = only('seat_pressure', {
        claims: team,
        meters: { seats: 9 },
        meterHistory: history([30, 9], [5, 7], [4, 9]),
      });
      expect(result).toMatchObject({ fired: false, value: 5 });
    });

    it('counts nothing when today is below the threshold', () => {
      const result = only('seat_pressure', {
        claims: team,
        meters: { seats: 7 },
        meterHistory: history([30, 10]),
      });
      expect(result).toMatchObject({ fired: false, value: 0 });
    });

    it("keeps a day's peak when a day has two samples", () => {
      const result = only('seat_pressure', {
        claims: team,
        meters: { seats: 8 },
        meterHistory: history([13, 8], [10, 9], [10, 3]),
      });
      expect(result).toMatchObject({ fired: true, value: 14 });
    });
  });

  describe('feature exploration (≥ 3 distinct gated features within 14 days)', () => {
    const hits = (...list: Array<[string, number]>) =>
      list.map(([feature, ago]) => ({ feature, day: daysAgo(ago) }));

    it('does not fire with 2 distinct features and fires with 3', () => {
      const two = only('feature_exploration', {
        claims: team,
        meters: {},
        gateHits: hits(['sso', 0], ['sso', 1], ['audit_log', 2]),
      });
      expect(two).toMatchObject({ fired: false, value: 2, threshold: 3 });
      const three = only('feature_exploration', {
        claims: team,
        meters: {},
        gateHits: hits(['sso', 0], ['audit_log', 2], ['automations', 5]),
      });
      expect(three).toMatchObject({ fired: true, value: 3 });
      expect(three.reason).toBe('3 distinct gated features hit in 14 days (threshold 3)');
    });

    it('counts a hit on day 13 of the window and not one on day 15 (or 14)', () => {
      const base = hits(['sso', 0], ['audit_log', 1]);
      expect(
        only('feature_exploration', {
          claims: team,
          meters: {},
          gateHits: [...base, ...hits(['automations', 13])],
        }).fired,
      ).toBe(true);
      expect(
        only('feature_exploration', {
          claims: team,
          meters: {},
          gateHits: [...base, ...hits(['automations', 14])],
        }).fired,
      ).toBe(false);
      expect(
        only('feature_exploration', {
          claims: team,
          meters: {},
          gateHits: [...base, ...hits(['automations', 15])],
        }).fired,
      ).toBe(false);
    });

    it('ignores entries with a zero count and future days', () => {
      const result = only('feature_exploration', {
        claims: team,
        meters: {},
        gateHits: [
          ...hits(['sso', 0], ['audit_log', 1]),
          { feature: 'automations', day: daysAgo(2), count: 0 },
          ...hits(['x', -1]),
        ],
      });
      expect(result.value).toBe(2);
    });

    it('accepts epoch days as well as ISO days', () => {
      const today = Math.floor(NOW / 86_400_000);
      const result = only('feature_exploration', {
        claims: team,
        meters: {},
        gateHits: [
          { feature: 'a', day: today },
          { feature: 'b', day: today - 13 },
          { feature: 'c', day: daysAgo(3) },
        ],
      });
      expect(result.fired).toBe(true);
    });
  });

  it('reads days given as ms timestamps', () => {
    const result = only('feature_exploration', {
      claims: team,
      meters: {},
      gateHits: [
        { feature: 'a', day: NOW },
        { feature: 'b', day: NOW - 13 * 86_400_000 },
        { feature: 'c', day: NOW - 14 * 86_400_000 },
      ],
    });
    expect(result.value).toBe(2);
  });

  describe('collaboration surge (≥ 5 invites within 30 days)', () => {
    it('counts one invite per entry when the entry has no count', () => {
      const invites = Array.from({ length: 5 }, (_, i) => ({ day: daysAgo(i) }));
      expect(only('collaboration_surge', { claims: team, meters: {}, invites }).fired).toBe(true);
    });

    it('does not fire at 4 invites and fires at 5', () => {
      const invites = [
        { day: daysAgo(0), count: 2 },
        { day: daysAgo(10), count: 2 },
      ];
      expect(only('collaboration_surge', { claims: team, meters: {}, invites }).fired).toBe(false);
      const five = only('collaboration_surge', {
        claims: team,
        meters: {},
        invites: [...invites, { day: daysAgo(29), count: 1 }],
      });
      expect(five).toMatchObject({ fired: true, value: 5, threshold: 5 });
      expect(five.reason).toBe('5 invites sent in 30 days (threshold 5)');
    });

    it('does not count invites older than the window', () => {
      const invites = [
        { day: daysAgo(0), count: 4 },
        { day: daysAgo(30), count: 10 },
      ];
      expect(only('collaboration_surge', { claims: team, meters: {}, invites })).toMatchObject({
        fired: false,
        value: 4,
      });
    });
  });

  describe('gate intent (recency-weighted gate hits)', () => {
    const config = withTriggers({
      id: 'intent',
      kind: 'gate_intent',
      atLeast: 3,
      withinDays: 30,
      halfLifeDays: 7,
    });

    it('weights a hit by half per half-life of age', () => {
      const today = only(
        'intent',
        { claims: team, meters: {}, gateHits: [{ feature: 'sso', day: daysAgo(0) }] },
        config,
      );
      const weekOld = only(
        'intent',
        { claims: team, meters: {}, gateHits: [{ feature: 'sso', day: daysAgo(7) }] },
        config,
      );
      expect(today.value).toBe(1);
      expect(weekOld.value).toBe(0.5);
    });

    it('fires on three fresh hits but not on three old ones', () => {
      const fresh = [{ feature: 'sso', day: daysAgo(0), count: 3 }];
      const old = [{ feature: 'sso', day: daysAgo(10), count: 3 }];
      expect(only('intent', { claims: team, meters: {}, gateHits: fresh }, config).fired).toBe(true);
      expect(only('intent', { claims: team, meters: {}, gateHits: old }, config)).toMatchObject({
        fired: false,
        value: 1.11,
      });
    });

    it('drops hits outside its window entirely', () => {
      const result = only(
        'intent',
        { claims: team, meters: {}, gateHits: [{ feature: 'sso', day: daysAgo(30), count: 100 }] },
        config,
      );
      expect(result.value).toBe(0);
    });
  });
});
