import { describe, expect, it } from 'vitest';
import { acmeConfig, daysAgo, NOW } from '../test/acme.ts';
import type { HeadroomConfig, TriggerConfig } from './config.ts';
import { defineConfig } from './define-config.ts';
import { evaluateBrowserTriggers, evaluateTriggers } from './evaluate-triggers.ts';
import { theilSenSlope } from './theil-sen-slope.ts';
import type { TriggerResult, TriggerSnapshot } from './trigger-snapshot.ts';

const team = { plan: 'team' } as const;

// Each trigger as defineConfig fills it (defaults from the playbooks).
function configWith(...triggers: unknown[]): HeadroomConfig {
  const { triggers: _, ...rest } = acmeConfig;
  return defineConfig({ ...JSON.parse(JSON.stringify(rest)), triggers });
}

function run(trigger: Record<string, unknown>, snapshot: TriggerSnapshot, now = NOW): TriggerResult {
  const [result] = evaluateTriggers(snapshot, configWith({ id: 't', ...trigger }), now);
  if (!result) throw new Error('no result');
  return result;
}

/** Daily peaks of `meter` for the `days` days before NOW: value(age in days). */
function history(meter: string, days: number, value: (age: number) => number) {
  return {
    [meter]: Array.from({ length: days }, (_, i) => ({ day: daysAgo(days - i), used: value(days - i) })),
  };
}

describe('theilSenSlope', () => {
  it('is the median pairwise slope, robust to a single outlier', () => {
    expect(
      theilSenSlope([
        [0, 0],
        [1, 2],
        [2, 4],
        [3, 6],
      ]),
    ).toBe(2);
    expect(
      theilSenSlope([
        [0, 0],
        [1, 2],
        [2, 400],
        [3, 6],
        [4, 8],
      ]),
    ).toBe(2);
    expect(theilSenSlope([[1, 5]])).toBeNaN();
  });
});

describe('meter_forecast', () => {
  const forecast = { kind: 'meter_forecast', meters: ['docs'] };

  it('does not forecast from a flat history', () => {
    const r = run(forecast, {
      claims: team,
      meters: { docs: 500 },
      meterHistory: history('docs', 20, () => 500),
    });
    expect(r).toMatchObject({ fired: false, value: -1, threshold: 14 });
    expect(r.reason).toBe('no limit forecast: docs: usage flat or falling over 21 days (threshold 14 days)');
  });

  it('projects a rising trend to the limit day and fires within 14 days', () => {
    // 20 docs a day, 800 today: 200 left → 10 days → 2026-12-03.
    const r = run(forecast, {
      claims: team,
      meters: { docs: 800 },
      meterHistory: history('docs', 20, (age) => 800 - 20 * age),
    });
    expect(r).toMatchObject({
      fired: true,
      value: 10,
      forecast: { meter: 'docs', limit: 1000, reachesOn: '2026-12-03' },
    });
    expect(r.reason).toBe(
      'docs reaches its limit of 1000 in 10 days, around 2026-12-03 (trend +20/day) (threshold 14 days)',
    );
  });

  it('fires at exactly withinDays and not a day later', () => {
    const at = (left: number) =>
      run(forecast, {
        claims: team,
        meters: { docs: 1000 - 10 * left },
        meterHistory: history('docs', 20, (age) => 1000 - 10 * left - 10 * age),
      });
    expect(at(14)).toMatchObject({ fired: true, value: 14 });
    expect(at(15)).toMatchObject({ fired: false, value: 15 });
  });

  it('keeps the trend of a noisy history with outliers (Theil–Sen, not least squares)', () => {
    const noisy = (age: number) => 800 - 20 * age + (age % 3 === 0 ? 7 : -5) + (age === 4 ? 300 : 0);
    const r = run(forecast, {
      claims: team,
      meters: { docs: 800 },
      meterHistory: history('docs', 20, noisy),
    });
    expect(r.fired).toBe(true);
    expect(r.value).toBeGreaterThanOrEqual(9);
    expect(r.value).toBeLessThanOrEqual(11);
  });

  it('gives no forecast from fewer than 7 days, and one from 7', () => {
    const short = run(forecast, {
      claims: team,
      meters: { docs: 900 },
      meterHistory: history('docs', 5, (age) => 900 - 50 * age),
    });
    expect(short).toMatchObject({ fired: false, value: -1 });
    expect(short.reason).toContain('6 days of usage, too few to forecast (needs 7)');
    const seven = run(forecast, {
      claims: team,
      meters: { docs: 900 },
      meterHistory: history('docs', 6, (age) => 900 - 50 * age),
    });
    expect(seven).toMatchObject({ fired: true, value: 2 });
  });

  it('only reads the last overDays days', () => {
    // Fast growth long ago, flat for the last 28 days.
    const r = run(forecast, {
      claims: team,
      meters: { docs: 900 },
      meterHistory: history('docs', 60, (age) => (age > 30 ? 900 - 20 * (age - 30) : 900)),
    });
    expect(r).toMatchObject({ fired: false, value: -1 });
  });

  it('never projects a monthly meter past its reset', () => {
    // 2026-11-23: api_calls (monthly) resets on 2026-12-01, 8 days away.
    const calls = (left: number, perDay: number) =>
      run(
        { kind: 'meter_forecast', meters: ['api_calls'] },
        {
          claims: team,
          meters: { api_calls: 100_000 - left },
          meterHistory: history('api_calls', 20, (age) => 100_000 - left - perDay * age),
        },
      );
    const reaches = calls(7000, 1000); // 7 days: before the reset
    expect(reaches).toMatchObject({ fired: true, value: 7, forecast: { reachesOn: '2026-11-30' } });
    const resets = calls(9000, 1000); // 9 days: after the reset
    expect(resets).toMatchObject({ fired: false, value: -1 });
    expect(resets.reason).toContain('api_calls: resets on 2026-12-01 before reaching its limit of 100000');
  });

  it('says so when every meter is unlimited, and reports 0 days at the limit', () => {
    expect(run(forecast, { claims: { plan: 'business' }, meters: { docs: 5 } }).reason).toBe(
      'no limit forecast: docs unlimited on plan business (threshold 14 days)',
    );
    expect(run(forecast, { claims: team, meters: { docs: 1000 } })).toMatchObject({ fired: true, value: 0 });
  });
});

describe('event_count', () => {
  const runs = (rows: Array<[age: number, count: number, user?: string]>) =>
    rows.map(([age, count, user]) => ({
      day: daysAgo(age),
      name: 'workflow_run',
      count,
      ...(user ? { user } : {}),
    }));

  it('counts the account’s events at the window edges (today and withinDays − 1 days ago)', () => {
    const trigger = { kind: 'event_count', event: 'workflow_run', atLeast: 50, withinDays: 30 };
    const inside = run(trigger, {
      claims: team,
      meters: {},
      events: runs([
        [0, 25],
        [29, 25],
        [30, 100],
      ]),
    });
    expect(inside).toMatchObject({ fired: true, value: 50, threshold: 50 });
    expect(inside.reason).toBe('50 workflow_run events in 30 days (threshold 50)');
    const outside = run(trigger, {
      claims: team,
      meters: {},
      events: runs([
        [0, 25],
        [30, 25],
      ]),
    });
    expect(outside).toMatchObject({ fired: false, value: 25 });
  });

  it('per user: one user must reach the count alone', () => {
    const trigger = { kind: 'event_count', event: 'workflow_run', atLeast: 4, withinDays: 7, per: 'user' };
    expect(
      run(trigger, {
        claims: team,
        meters: {},
        events: runs([
          [1, 3, 'u1'],
          [1, 3, 'u2'],
        ]),
      }),
    ).toMatchObject({
      fired: false,
      value: 3,
    });
    expect(
      run(trigger, {
        claims: team,
        meters: {},
        events: runs([
          [1, 3, 'u1'],
          [6, 1, 'u1'],
        ]),
      }),
    ).toMatchObject({
      fired: true,
      value: 4,
    });
  });

  it('sustained: the count holds in each of the last W weekly windows', () => {
    const trigger = {
      kind: 'event_count',
      event: 'workflow_run',
      atLeast: 4,
      withinDays: 7,
      per: 'user',
      sustainedWeeks: 4,
    };
    const weekly = (weeks: number) =>
      runs(Array.from({ length: weeks }, (_, w) => [7 * w + 2, 4, 'u1'] as [number, number, string]));
    expect(run(trigger, { claims: team, meters: {}, events: weekly(4) })).toMatchObject({
      fired: true,
      value: 4,
      threshold: 4,
    });
    const three = run(trigger, { claims: team, meters: {}, events: weekly(3) });
    expect(three).toMatchObject({ fired: false, value: 3 });
    expect(three.reason).toBe(
      'workflow_run ≥ 4 in 7 days by one user for 3 weeks in a row (threshold 4 weeks)',
    );
  });
});

describe('trait', () => {
  const renewal = {
    kind: 'trait',
    all: [
      { trait: 'renewalDate', withinDays: 60 },
      { trait: 'health', atLeast: 80 },
    ],
  };

  it('counts days to a date in UTC, whatever the offset it was written with', () => {
    // NOW is 2026-11-23 12:00 UTC; 2027-01-22 is 60 days away.
    const at = (renewalDate: string) =>
      run(renewal, { claims: { ...team, health: 85 }, meters: {}, traits: { renewalDate } });
    expect(at('2027-01-22')).toMatchObject({ fired: true, value: 2 });
    expect(at('2027-01-23')).toMatchObject({ fired: false, value: 1 });
    // 23:30 at UTC−5 is already 2027-01-23 in UTC: 61 days.
    expect(at('2027-01-22T23:30:00-05:00')).toMatchObject({ fired: false });
    // 00:30 at UTC+2 is still 2027-01-21 in UTC: 59 days.
    expect(at('2027-01-22T00:30:00+02:00')).toMatchObject({ fired: true });
    expect(at('2026-11-22').fired).toBe(false); // already past
    expect(at('2027-01-22').reason).toBe(
      'renewalDate in 60 days (within 60); health 85 (≥ 80) (threshold all 2 conditions)',
    );
  });

  it('needs every condition and names an unknown trait', () => {
    const r = run(renewal, {
      claims: { ...team, health: 79 },
      meters: {},
      traits: { renewalDate: '2026-12-01' },
    });
    expect(r).toMatchObject({ fired: false, value: 1, threshold: 2 });
    expect(
      run(renewal, { claims: team, meters: {}, traits: { renewalDate: '2026-12-01' } }).reason,
    ).toContain('health unknown');
  });

  it('measures growth from the newest value on or before the window start', () => {
    const grew = { kind: 'trait', all: [{ trait: 'employees', grewBy: 0.2 }] };
    const snapshot = (now: number): TriggerSnapshot => ({
      claims: team,
      meters: {},
      traits: { employees: now },
      traitHistory: {
        employees: [
          { day: daysAgo(120), value: 50 },
          { day: daysAgo(90), value: 100 },
          { day: daysAgo(89), value: 10 },
        ],
      },
    });
    expect(run(grew, snapshot(120))).toMatchObject({ fired: true });
    expect(run(grew, snapshot(119))).toMatchObject({ fired: false });
    expect(run(grew, snapshot(120)).reason).toBe(
      'employees grew 20% in 90 days (≥ 20%) (threshold the condition)',
    );
    expect(run(grew, { claims: team, meters: {}, traits: { employees: 500 } }).reason).toContain(
      'employees 90 days ago unknown',
    );
  });

  it('compares custom numeric and boolean traits', () => {
    const custom = {
      kind: 'trait',
      all: [
        { trait: 'nps', atLeast: 9 },
        { trait: 'exec_sponsor', equals: true },
      ],
    };
    expect(run(custom, { claims: team, meters: {}, traits: { nps: 9, exec_sponsor: true } }).fired).toBe(
      true,
    );
    expect(run(custom, { claims: team, meters: {}, traits: { nps: 9, exec_sponsor: false } }).fired).toBe(
      false,
    );
  });
});

describe('power_users', () => {
  const power = { kind: 'power_users' };
  const activity = (counts: Record<string, number>, age = 1) =>
    Object.entries(counts).map(([user, count]) => ({ day: daysAgo(age), name: 'edit', user, count }));

  it('fires for users at ≥ 2× the account’s average and lists them', () => {
    // Average 10; u1 at exactly 20 is a power user.
    const r = run(power, { claims: team, meters: {}, events: activity({ u1: 20, u2: 5, u3: 5 }) });
    expect(r).toMatchObject({ fired: true, value: 1, users: ['u1'] });
    expect(r.reason).toBe(
      '1 of 3 active users at ≥ 2× the average of 10 events in 30 days (threshold 1 user)',
    );
    expect(run(power, { claims: team, meters: {}, events: activity({ u1: 19, u2: 5, u3: 6 }) }).fired).toBe(
      false,
    );
  });

  it('ignores events older than the window and a lone user', () => {
    expect(
      run(power, { claims: team, meters: {}, events: activity({ u1: 20, u2: 5, u3: 5 }, 30) }).value,
    ).toBe(0);
    expect(run(power, { claims: team, meters: {}, events: activity({ u1: 50 }) }).fired).toBe(false);
  });
});

describe('feature_adoption', () => {
  const adoption = { kind: 'feature_adoption' };
  const tenFeatures = Array.from({ length: 10 }, (_, i) => `f${i}`);
  // The canonical config with the team plan's features replaced.
  const withFeatures = (features: string[], atLeast?: number) => {
    const input = JSON.parse(JSON.stringify(acmeConfig)) as HeadroomConfig;
    (input.plans.team as { features: string[] }).features = features;
    input.triggers = [{ id: 'adoption', kind: 'feature_adoption', atLeast: atLeast ?? 0.7, withinDays: 30 }];
    return defineConfig(input);
  };
  const config = (atLeast?: number) => withFeatures(tenFeatures, atLeast);
  const used = (n: number, age = 0) => tenFeatures.slice(0, n).map((name) => ({ day: daysAgo(age), name }));

  it('fires at 70 % of the plan’s features, not at 69 %', () => {
    const at = (events: NonNullable<TriggerSnapshot['events']>, atLeast?: number) =>
      evaluateTriggers({ claims: team, meters: {}, events }, config(atLeast), NOW)[0];
    expect(at(used(7))).toMatchObject({ fired: true, value: 0.7, threshold: 0.7 });
    expect(at(used(7), 0.71)).toMatchObject({ fired: false });
    // 69 %: 69 of 100 features.
    const hundred = Array.from({ length: 100 }, (_, i) => `g${i}`);
    const events = hundred.slice(0, 69).map((name) => ({ day: daysAgo(1), name }));
    expect(
      evaluateTriggers({ claims: team, meters: {}, events }, withFeatures(hundred), NOW)[0],
    ).toMatchObject({
      fired: false,
      value: 0.69,
    });
  });

  it('counts only uses inside the window and names the next plan’s extra features', () => {
    const r = run(adoption, {
      claims: team,
      meters: {},
      events: [
        { day: daysAgo(0), name: 'comments' },
        { day: daysAgo(0), name: 'version_history' },
      ],
    });
    expect(r).toMatchObject({
      fired: true,
      value: 1,
      features: { used: ['comments', 'version_history'], nextPlan: ['sso', 'audit_log', 'automations'] },
    });
    expect(r.reason).toBe('2 of 2 team features used in 30 days (100%) (threshold 70%)');
    expect(
      run(adoption, { claims: team, meters: {}, events: [{ day: daysAgo(30), name: 'comments' }] }).value,
    ).toBe(0);
  });
});

describe('evaluateBrowserTriggers', () => {
  it('skips the edge-only kinds and keeps the order of the others', () => {
    const config = configWith(
      { id: 'usage', kind: 'meter_ratio', meters: ['docs'], atLeast: 0.8 },
      { id: 'forecast', kind: 'meter_forecast', meters: ['docs'] },
      { id: 'invites', kind: 'invites_sent', atLeast: 1, withinDays: 30 },
    );
    const snapshot: TriggerSnapshot = { claims: team, meters: { docs: 900 } };
    expect(evaluateBrowserTriggers(snapshot, config, NOW).map((r) => r.id)).toEqual(['usage', 'invites']);
    expect(evaluateTriggers(snapshot, config, NOW).map((r) => r.id)).toEqual([
      'usage',
      'forecast',
      'invites',
    ]);
  });

  it('the browser kinds give the same results in both engines', () => {
    const snapshot: TriggerSnapshot = { claims: team, meters: { docs: 900, api_calls: 85_000 } };
    const browser = evaluateBrowserTriggers(snapshot, acmeConfig, NOW);
    expect(evaluateTriggers(snapshot, acmeConfig, NOW)).toEqual(browser);
  });
});

// Types: every new kind is a TriggerConfig.
const _kinds: TriggerConfig['kind'][] = [
  'meter_forecast',
  'event_count',
  'trait',
  'power_users',
  'feature_adoption',
];

describe('the playbooks example config', () => {
  it('is valid and evaluates every play', async () => {
    const { default: playbooks } = await import('../examples/playbooks.config.json', {
      with: { type: 'json' },
    });
    const config = defineConfig(playbooks);
    const kinds = new Set(config.triggers.map((t) => t.kind));
    for (const kind of ['meter_forecast', 'event_count', 'trait', 'power_users', 'feature_adoption']) {
      expect(kinds.has(kind as TriggerConfig['kind'])).toBe(true);
    }
    expect(evaluateTriggers({ claims: team, meters: {} }, config, NOW)).toHaveLength(config.triggers.length);
  });
});
