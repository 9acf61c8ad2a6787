import type { HeadroomConfig } from './config.ts';

/** What a warning is about; stable, so tools can group or silence them. */
export type ConfigWarningCode =
  | 'unused_prompt'
  | 'unused_experiment'
  | 'ratio_out_of_range'
  | 'zero_weights'
  | 'no_click_snooze'
  | 'holdout_without_prompt';

/** A valid configuration that is probably not what its author meant. */
export interface ConfigWarning {
  code: ConfigWarningCode;
  /** Dotted path, e.g. `prompts.tier_upgrade`. */
  path: string;
  message: string;
}

/**
 * Warnings about a valid configuration, in document order: a prompt no trigger shows, an
 * experiment no prompt uses, a ratio threshold outside (0, 1], variant weights that sum to 0,
 * a prompt that comes straight back after its CTA was clicked, a holdout on a trigger with no prompt.
 * None of them stops a publish; each is worth a second look.
 * @example
 * for (const w of lintConfig(defineConfig(input))) console.warn(`${w.path}: ${w.message}`);
 */
export function lintConfig(config: HeadroomConfig): ConfigWarning[] {
  const warnings: ConfigWarning[] = [];
  const warn = (code: ConfigWarningCode, path: string, message: string) =>
    warnings.push({ code, path, message });

  config.triggers.forEach((trigger, i) => {
    // The schema allows up to 10× the limit on purpose; above 1 is rarely meant (0.8 typed as 8).
    if (
      (trigger.kind === 'meter_ratio' || trigger.kind === 'meter_sustained') &&
      !(trigger.atLeast > 0 && trigger.atLeast <= 1)
    ) {
      warn(
        'ratio_out_of_range',
        `triggers.${i}.atLeast`,
        `a share of the limit is usually in (0, 1]: ${trigger.atLeast} fires at ${Math.round(trigger.atLeast * 100)} % of the limit`,
      );
    }
    // A holdout withholds the prompt; with none to withhold, both groups see the same thing.
    if (trigger.holdout !== undefined && trigger.prompt === undefined) {
      warn(
        'holdout_without_prompt',
        `triggers.${i}.holdout`,
        'this trigger shows no prompt, so its holdout withholds nothing and its lift will read zero',
      );
    }
  });

  const shown = new Set(config.triggers.map((trigger) => trigger.prompt));
  const experimented = new Set<string | undefined>();
  for (const [id, prompt] of Object.entries(config.prompts)) {
    experimented.add(prompt.experiment);
    if (!shown.has(id)) {
      warn('unused_prompt', `prompts.${id}`, 'no trigger shows this prompt, so nobody will see it');
    }
  }

  for (const [id, experiment] of Object.entries(config.experiments)) {
    if (!experimented.has(id)) {
      warn(
        'unused_experiment',
        `experiments.${id}`,
        `no prompt uses this experiment: only hr.experiment("${id}") in your code will expose it`,
      );
    }
    if (experiment.variants.reduce((sum, variant) => sum + variant.weight, 0) <= 0) {
      warn(
        'zero_weights',
        `experiments.${id}.variants`,
        'the variant weights sum to 0, so no unit can be assigned a variant',
      );
    }
  }
  if (config.fatigue.snoozeAfterClickDays === 0) {
    warn(
      'no_click_snooze',
      'fatigue.snoozeAfterClickDays',
      'a prompt whose upgrade was started and not finished shows again on the next page: that reads as nagging',
    );
  }
  return warnings;
}
