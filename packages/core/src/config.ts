import * as z from 'zod/mini';
import { configShapeSchema } from './config-schema.ts';
import { configReferenceIssues } from './config-schema-checks.ts';

/** Validates a whole Headroom configuration, cross references included. */
export const configSchema = configShapeSchema.check(
  z.superRefine(
    (config, ctx) => {
      for (const issue of configReferenceIssues(config)) {
        ctx.issues.push({ code: 'custom', input: config, path: issue.path, message: issue.message });
      }
    },
    // Run even when fields already failed, so one error names every mistake at once.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  ),
);

/** A validated configuration with every default filled in. */
export type HeadroomConfig = z.output<typeof configSchema>;
/** What a person writes: defaults may be left out. */
export type HeadroomConfigInput = z.input<typeof configSchema>;

/** One part of a validated configuration. */
export type MeterConfig = HeadroomConfig['meters'][string];
export type PlanConfig = HeadroomConfig['plans'][string];
export type TriggerConfig = HeadroomConfig['triggers'][number];
export type TriggerKind = TriggerConfig['kind'];
export type PromptConfig = HeadroomConfig['prompts'][string];
export type ExperimentConfig = HeadroomConfig['experiments'][string];
export type VariantConfig = ExperimentConfig['variants'][number];
export type CopyConfig = VariantConfig['copy'];
export type FatigueConfig = HeadroomConfig['fatigue'];
export type EligibilityConfig = HeadroomConfig['eligibility'];
export type RoutingConfig = HeadroomConfig['routing'];
export type Surface = PromptConfig['surface'];
export type Segment = keyof EligibilityConfig['minDaysSinceActivation'];
export type Route = 'self_serve' | 'self_serve_with_assist' | 'cs_assist';
