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

describe('defineConfig: unknown keys', () => {
  const issuesOf = (input: unknown) => configError(input).issues;

  it('rejects a misspelt top-level key, naming its path and the key it meant', () => {
    const input = acmeCopy();
    input.trigers = input.triggers;
    delete input.triggers;
    expect(issuesOf(input)).toEqual([
      { path: 'trigers', message: 'unknown key "trigers"; did you mean "triggers"?' },
    ]);
  });

  it('rejects a misspelt nested key with a suggestion', () => {
    const input = acmeCopy() as { fatigue: Record<string, unknown> };
    input.fatigue.maxPromptPerWeek = input.fatigue.maxPromptsPerWeek;
    delete input.fatigue.maxPromptsPerWeek;
    expect(issuesOf(input)).toEqual([
      {
        path: 'fatigue.maxPromptPerWeek',
        message: 'unknown key "maxPromptPerWeek"; did you mean "maxPromptsPerWeek"?',
      },
    ]);
  });

  it('lists the allowed keys when nothing is close', () => {
    const input = acmeCopy() as { meters: { seats: Record<string, unknown> } };
    input.meters.seats.colour = 'blue';
    expect(issuesOf(input)).toEqual([
      {
        path: 'meters.seats.colour',
        message: 'unknown key "colour"; allowed: label, unit, resets, purchasedSeats',
      },
    ]);
  });

  it('finds unknown keys at every level of the document, all in one error', () => {
    const input = acmeCopy() as {
      meters: { api_calls: { unit: Record<string, unknown> } };
      plans: { team: Record<string, unknown> };
      triggers: Array<Record<string, unknown>>;
      eligibility: Record<string, unknown>;
      prompts: { seat_upgrade: Record<string, unknown> & { copy: Record<string, unknown> } };
      experiments: {
        usage_copy: Record<string, unknown> & {
          variants: Array<Record<string, unknown> & { copy: Record<string, unknown> }>;
        };
      };
      routing: Record<string, unknown> & { segments: Record<string, unknown> };
    };
    input.meters.api_calls.unit.ohter = 'calls';
    input.plans.team.seatprice = 144;
    input.triggers[0]!.atleast = 0.9;
    input.triggers[2]!.withinDays = 14; // a gate_distinct field on a meter_sustained trigger
    input.eligibility.minDaysSinceActivation = { smb: 30, midmarket: 45 };
    input.eligibility.minHealth = { smb: 70, enterprize: 90 };
    input.eligibility.suppresOnChurnRisk = false;
    input.prompts.seat_upgrade.priorty = 5;
    input.prompts.seat_upgrade.copy.titel = 'Seats';
    input.experiments.usage_copy.goals = 'upgrade_completed';
    input.experiments.usage_copy.variants[0]!.wieght = 10;
    input.experiments.usage_copy.variants[1]!.copy.cat = 'Go';
    input.routing.checkoutURL = 'https://billing.example.com';
    input.routing.segments = { enterprise: { route: 'cs_assist', rout: 'x' }, smb_: { route: 'self_serve' } };
    expect(issuesOf(input)).toEqual([
      { path: 'meters.api_calls.unit.ohter', message: 'unknown key "ohter"; did you mean "other"?' },
      { path: 'plans.team.seatprice', message: 'unknown key "seatprice"; did you mean "seatPrice"?' },
      { path: 'triggers.0.atleast', message: 'unknown key "atleast"; did you mean "atLeast"?' },
      {
        path: 'triggers.2.withinDays',
        message: 'unknown key "withinDays"; allowed: id, prompt, holdout, kind, meter, atLeast, days',
      },
      {
        path: 'eligibility.minDaysSinceActivation.midmarket',
        message: 'unknown key "midmarket"; did you mean "mid_market"?',
      },
      {
        path: 'eligibility.minHealth.enterprize',
        message: 'unknown key "enterprize"; did you mean "enterprise"?',
      },
      {
        path: 'eligibility.suppresOnChurnRisk',
        message: 'unknown key "suppresOnChurnRisk"; did you mean "suppressOnChurnRisk"?',
      },
      { path: 'prompts.seat_upgrade.copy.titel', message: 'unknown key "titel"; did you mean "title"?' },
      { path: 'prompts.seat_upgrade.priorty', message: 'unknown key "priorty"; did you mean "priority"?' },
      {
        path: 'experiments.usage_copy.variants.0.wieght',
        message: 'unknown key "wieght"; did you mean "weight"?',
      },
      {
        path: 'experiments.usage_copy.variants.1.copy.cat',
        message: 'unknown key "cat"; did you mean "cta"?',
      },
      { path: 'experiments.usage_copy.goals', message: 'unknown key "goals"; did you mean "goal"?' },
      {
        path: 'routing.segments.enterprise.rout',
        message: 'unknown key "rout"; did you mean "route"?',
      },
      { path: 'routing.segments.smb_', message: 'unknown key "smb_"; did you mean "smb"?' },
      {
        path: 'routing.checkoutURL',
        message: 'unknown key "checkoutURL"; did you mean "checkoutUrl"?',
      },
    ]);
  });

  it('reports unknown keys together with wrong values and broken references', () => {
    const input = acmeCopy() as {
      fatigue: Record<string, unknown>;
      triggers: Array<Record<string, unknown>>;
    };
    input.fatigue.maxModalsPerDay = 'one';
    input.fatigue.snooze = 3;
    input.triggers[0]!.prompt = 'usage_upgrad';
    const error = configError(input);
    expect(error.issues).toEqual([
      { path: 'fatigue.maxModalsPerDay', message: 'expected number' },
      { path: 'fatigue.snooze', message: 'unknown key "snooze"; did you mean "snoozeDays"?' },
      { path: 'triggers.0.prompt', message: 'unknown prompt "usage_upgrad"; did you mean "usage_upgrade"?' },
    ]);
    expect(error.message).toContain('3 issues');
    expect(error.message).toContain('fatigue.snooze: unknown key "snooze"; did you mean "snoozeDays"?');
  });

  it('takes snoozeAfterClickDays, leaves it unset to follow snoozeDays, and refuses a negative one', () => {
    const input = acmeCopy() as { fatigue: Record<string, unknown> };
    expect(defineConfig(input).fatigue.snoozeAfterClickDays).toBeUndefined();
    input.fatigue.snoozeAfterClickDays = 1;
    expect(defineConfig(input).fatigue.snoozeAfterClickDays).toBe(1);
    input.fatigue.snoozeAfterClickDays = -1;
    expect(configError(input).issues).toEqual([
      { path: 'fatigue.snoozeAfterClickDays', message: 'must be ≥ 0' },
    ]);
    delete input.fatigue.snoozeAfterClickDays;
    input.fatigue.snoozeAfterClicks = 1;
    expect(configError(input).issues).toEqual([
      {
        path: 'fatigue.snoozeAfterClicks',
        message: 'unknown key "snoozeAfterClicks"; did you mean "snoozeAfterClickDays"?',
      },
    ]);
  });

  it('accepts its own output again: defaults filled in are all known keys', () => {
    expect(defineConfig(acmeConfig)).toEqual(acmeConfig);
    expect(defineConfig(defineConfig(minimal))).toEqual(defineConfig(minimal));
  });
});
