import { describe, expect, it } from 'vitest';
import { acmeConfig, acmeCopy, acmeInput } from '../test/acme.ts';
import { configSchema } from './config.ts';
import { defineConfig } from './define-config.ts';
import { HeadroomConfigError } from './headroom-config-error.ts';

function configError(input: unknown): HeadroomConfigError {
  try {
    defineConfig(input);
  } catch (error) {
    if (error instanceof HeadroomConfigError) return error;
    throw error;
  }
  throw new Error('defineConfig accepted an invalid config');
}

const minimal = {
  meters: { seats: { label: 'Seats', unit: { one: 'seat', other: 'seats' } } },
  plans: { free: { name: 'Free', seatPrice: 0, limits: { seats: 3 } } },
  upgradePath: ['free'],
};

describe('defineConfig', () => {
  it('accepts the canonical config and keeps what it says', () => {
    expect(acmeConfig.plans.business?.limits.docs).toBeNull();
    expect(acmeConfig.plans.enterprise).toMatchObject({
      seatPrice: null,
      contactSales: true,
      features: ['*'],
    });
    expect(acmeConfig.triggers).toHaveLength(5);
    expect(acmeConfig.routing.checkoutUrl).toContain('{accountId}');
  });

  it('fills every default from the domain table', () => {
    const config = defineConfig(minimal);
    expect(config.eligibility).toEqual({
      minDaysSinceActivation: { smb: 30, mid_market: 45, enterprise: 60 },
      minHealth: { smb: 75, mid_market: 80, enterprise: 85 },
      minActiveUserRatio: { smb: 0.6, mid_market: 0.7, enterprise: 0.75 },
      suppressOnChurnRisk: true,
      unknownFacts: 'allow',
    });
    expect(config.fatigue).toEqual({
      maxModalsPerDay: 1,
      maxPromptsPerWeek: 3,
      snoozeDays: 3,
      retireAfterDismissals: 3,
      retireDays: 30,
    });
    expect(config.routing).toEqual({
      assistAtAcv: 5000,
      csAtAcv: 20000,
      segments: { enterprise: { route: 'cs_assist' } },
      csNeeds: ['invoice', 'multi_year', 'custom_sla', 'security_review'],
      stalledPqlDays: 30,
      escalateAtSignals: 4,
      handoffCooldownDays: 30,
      maxHandoffsPerDay: 3,
    });
    expect(config.plans.free).toMatchObject({ contactSales: false, features: [] });
    expect(config.triggers).toEqual([]);
  });

  it('fills partial sections field by field', () => {
    const config = defineConfig({ ...minimal, eligibility: { minHealth: 50 }, routing: { csAtAcv: 50_000 } });
    // One number stands for every segment.
    expect(config.eligibility.minHealth).toEqual({ smb: 50, mid_market: 50, enterprise: 50 });
    expect(config.eligibility.minDaysSinceActivation.mid_market).toBe(45);
    expect(config.routing).toMatchObject({ csAtAcv: 50_000, assistAtAcv: 5000 });
  });

  it('gives every parsed config its own default objects', () => {
    const first = defineConfig(minimal);
    first.routing.csNeeds.push('anything');
    first.eligibility.minDaysSinceActivation.smb = 0;
    const second = defineConfig(minimal);
    expect(second.routing.csNeeds).toHaveLength(4);
    expect(second.eligibility.minDaysSinceActivation.smb).toBe(30);
  });

  it('reports three mistakes as one error naming all three paths', () => {
    const input = acmeCopy() as {
      plans: { team: { seatPrice: unknown } };
      triggers: Array<{ atLeast: unknown }>;
      prompts: { seat_upgrade: { surface: unknown } };
    };
    input.plans.team.seatPrice = 'cheap';
    input.triggers[0]!.atLeast = -1;
    input.prompts.seat_upgrade.surface = 'popup';
    const error = configError(input);
    expect(error.name).toBe('HeadroomConfigError');
    expect(error.issues.map((issue) => issue.path).sort()).toEqual([
      'plans.team.seatPrice',
      'prompts.seat_upgrade.surface',
      'triggers.0.atLeast',
    ]);
    expect(error.message).toContain('3 issues');
    expect(error.message).toContain(
      'prompts.seat_upgrade.surface: expected one of "banner", "modal", "inline", "toast"',
    );
  });

  it('reports broken cross references together with shape errors', () => {
    const input = acmeCopy() as {
      triggers: Array<{ prompt?: unknown; meters?: unknown[] }>;
      upgradePath: unknown[];
      fatigue: { maxModalsPerDay: unknown };
    };
    input.triggers[0]!.prompt = 'nope';
    input.triggers[1]!.meters = ['bandwidth'];
    input.upgradePath.push('platinum');
    input.fatigue.maxModalsPerDay = 1.5;
    expect(configError(input).issues).toEqual([
      { path: 'fatigue.maxModalsPerDay', message: 'must be a whole number' },
      { path: 'upgradePath.4', message: 'unknown plan "platinum"' },
      { path: 'triggers.0.prompt', message: 'unknown prompt "nope"' },
      { path: 'triggers.1.meters.0', message: 'unknown meter "bandwidth"' },
    ]);
  });

  it('still checks references when a trigger has an unknown kind', () => {
    const input = acmeCopy() as { triggers: Array<{ kind?: unknown; prompt?: unknown }> };
    input.triggers[2]!.kind = 'meter_magic';
    input.triggers[0]!.prompt = 'nope';
    expect(configError(input).issues.map((issue) => issue.path)).toEqual([
      'triggers.2.kind',
      'triggers.0.prompt',
    ]);
  });

  it('rejects an unknown copy placeholder at validation time, naming it and the path', () => {
    const input = acmeCopy() as {
      experiments: { usage_copy: { variants: Array<{ copy: { title: string } }> } };
    };
    input.experiments.usage_copy.variants[1]!.copy.title = 'Hi {firstName}, you used {percent}';
    const [issue, ...rest] = configError(input).issues;
    expect(rest).toEqual([]);
    expect(issue?.path).toBe('experiments.usage_copy.variants.1.copy.title');
    expect(issue?.message).toContain('unknown placeholder {firstName}');
  });

  it('rejects javascript: and protocol-relative URLs, and unknown checkout placeholders', () => {
    const input = acmeCopy() as { routing: Record<string, unknown> };
    input.routing.bookingUrl = 'javascript:alert(1)';
    input.routing.checkoutUrl = '//evil.example/checkout?x={percent}';
    const paths = configError(input).issues.map((issue) => issue.path);
    expect(paths).toEqual(['routing.checkoutUrl', 'routing.bookingUrl', 'routing.checkoutUrl']);
    const relative = acmeCopy() as { routing: Record<string, unknown> };
    relative.routing.checkoutUrl = '/billing/upgrade?plan={plan}';
    expect(defineConfig(relative).routing.checkoutUrl).toBe('/billing/upgrade?plan={plan}');
  });

  it('rejects duplicate ids, a prompt with neither copy nor experiment, and csAtAcv below assistAtAcv', () => {
    const input = acmeCopy() as {
      triggers: Array<{ id: string }>;
      prompts: Record<string, unknown>;
      routing: Record<string, unknown>;
    };
    input.triggers[1]!.id = 'usage_ceiling';
    input.prompts.bare = { surface: 'toast' };
    input.routing.csAtAcv = 1000;
    expect(configError(input).issues.map((issue) => issue.path)).toEqual([
      'triggers.1.id',
      'prompts.bare.copy',
      'routing.csAtAcv',
    ]);
  });

  it('says what is missing when given nothing useful', () => {
    expect(configError({}).issues.map((issue) => issue.path)).toEqual(['meters', 'plans', 'upgradePath']);
    expect(configError(null).issues).toEqual([{ path: '', message: 'expected object' }]);
    expect(configError({}).issues[0]?.message).toBe('required (record)');
  });

  it('is what configSchema parses', () => {
    expect(configSchema.parse(acmeInput)).toEqual(acmeConfig);
  });
});
