import { describe, expect, it } from 'vitest';
import { acmeConfig, acmeCopy } from '../test/acme.ts';
import type { HeadroomConfig } from './config.ts';
import { defineConfig } from './define-config.ts';
import { lintConfig } from './lint-config.ts';

describe('lintConfig', () => {
  it('finds nothing to warn about in the canonical config', () => {
    expect(lintConfig(acmeConfig)).toEqual([]);
  });

  it('warns about a prompt no trigger shows', () => {
    const input = acmeCopy() as { triggers: Array<{ prompt?: string }> };
    for (const trigger of input.triggers) if (trigger.prompt === 'tier_upgrade') delete trigger.prompt;
    expect(lintConfig(defineConfig(input))).toEqual([
      {
        code: 'unused_prompt',
        path: 'prompts.tier_upgrade',
        message: 'no trigger shows this prompt, so nobody will see it',
      },
    ]);
  });

  it('warns when a clicked prompt is not snoozed at all', () => {
    const input = acmeCopy() as { fatigue: Record<string, unknown> };
    input.fatigue.snoozeAfterClickDays = 0;
    expect(lintConfig(defineConfig(input))).toEqual([
      {
        code: 'no_click_snooze',
        path: 'fatigue.snoozeAfterClickDays',
        message:
          'a prompt whose upgrade was started and not finished shows again on the next page: that reads as nagging',
      },
    ]);
  });

  it('warns about an experiment no prompt uses', () => {
    const input = acmeCopy() as {
      prompts: { usage_upgrade: Record<string, unknown> };
      experiments: Record<string, unknown>;
    };
    input.prompts.usage_upgrade.copy = { title: 'Almost full', cta: 'Upgrade' };
    delete input.prompts.usage_upgrade.experiment;
    expect(lintConfig(defineConfig(input))).toEqual([
      {
        code: 'unused_experiment',
        path: 'experiments.usage_copy',
        message:
          'no prompt uses this experiment: only hr.experiment("usage_copy") in your code will expose it',
      },
    ]);
  });

  it('warns about a ratio threshold above 1, for both ratio trigger kinds', () => {
    const input = acmeCopy() as { triggers: Array<{ atLeast: number }> };
    input.triggers[0]!.atLeast = 8; // 8 × the limit where 0.8 was meant
    input.triggers[2]!.atLeast = 1.2;
    input.triggers[3]!.atLeast = 5; // gate_distinct counts features: not a ratio
    expect(lintConfig(defineConfig(input))).toEqual([
      {
        code: 'ratio_out_of_range',
        path: 'triggers.0.atLeast',
        message: 'a share of the limit is usually in (0, 1]: 8 fires at 800 % of the limit',
      },
      {
        code: 'ratio_out_of_range',
        path: 'triggers.2.atLeast',
        message: 'a share of the limit is usually in (0, 1]: 1.2 fires at 120 % of the limit',
      },
    ]);
  });

  it('warns about an experiment whose weights sum to 0 (a config the schema never produced)', () => {
    // Weights must be > 0 since the first schema, but a stored version or a hand-built config
    // (tests, tools) can still carry zeros; the lint does not trust the type for that.
    const usage = acmeConfig.experiments.usage_copy!;
    const config: HeadroomConfig = {
      ...acmeConfig,
      experiments: { usage_copy: { ...usage, variants: usage.variants.map((v) => ({ ...v, weight: 0 })) } },
    };
    expect(lintConfig(config)).toEqual([
      {
        code: 'zero_weights',
        path: 'experiments.usage_copy.variants',
        message: 'the variant weights sum to 0, so no unit can be assigned a variant',
      },
    ]);
  });

  it('reports every warning at once, in document order', () => {
    const input = acmeCopy() as {
      triggers: Array<{ atLeast: number; prompt?: string }>;
      experiments: Record<string, unknown>;
    };
    input.triggers[1]!.atLeast = 2;
    input.experiments.spare = {
      variants: [{ id: 'a', weight: 1, copy: { title: 'A', cta: 'Go' } }],
    };
    input.triggers = input.triggers.filter((t) => t.prompt !== 'tier_upgrade');
    expect(lintConfig(defineConfig(input)).map((w) => w.path)).toEqual([
      'triggers.1.atLeast',
      'prompts.tier_upgrade',
      'experiments.spare',
    ]);
  });
});
