import * as z from 'zod/mini';
import type { ExperimentCounts } from './analyze-experiment.ts';
import { type CountsIssue, InvalidExperimentCountsError } from './invalid-experiment-counts-error.ts';

const count = z.number().check(z.int(), z.gte(0));

const variantCountsSchema = z
  .object({
    id: z.string().check(z.minLength(1)),
    weight: z.optional(z.number().check(z.gte(0), z.refine(Number.isFinite, 'must be finite'))),
    exposures: count,
    conversions: count,
  })
  .check(
    z.refine((v) => v.conversions <= v.exposures, {
      message: 'conversions exceed exposures (each exposed unit converts at most once)',
      path: ['conversions'],
    }),
  );

const experimentCountsSchema = z
  .object({
    id: z.optional(z.string()),
    control: z.optional(z.string()),
    variants: z.array(variantCountsSchema),
  })
  .check(
    z.superRefine((e, ctx) => {
      const seen = new Set<string>();
      e.variants.forEach((v, i) => {
        if (seen.has(v.id))
          ctx.issues.push({
            code: 'custom',
            input: v.id,
            path: ['variants', i, 'id'],
            message: `duplicate variant id "${v.id}"`,
          });
        seen.add(v.id);
      });
      const weighted = e.variants.filter((v) => v.weight !== undefined).length;
      if (weighted > 0 && weighted < e.variants.length)
        ctx.issues.push({
          code: 'custom',
          input: e.variants,
          path: ['variants'],
          message:
            'give a weight for every variant or for none (equal weights are assumed only when all are absent)',
        });
      if (e.variants.length > 0 && e.variants.every((v) => v.weight === 0))
        ctx.issues.push({
          code: 'custom',
          input: e.variants,
          path: ['variants'],
          message: 'every variant has weight 0: none is live',
        });
      const named = e.variants.find((v) => v.id === 'control');
      if (e.control === undefined && named?.weight === 0)
        ctx.issues.push({
          code: 'custom',
          input: 'control',
          path: ['control'],
          message:
            'the variant named "control" is retired (weight 0); pass `control` to compare against a live variant',
        });
      if (e.control !== undefined) {
        const control = e.variants.find((v) => v.id === e.control);
        if (control === undefined)
          ctx.issues.push({
            code: 'custom',
            input: e.control,
            path: ['control'],
            message: `no variant "${e.control}"`,
          });
        else if (control.weight === 0)
          ctx.issues.push({
            code: 'custom',
            input: e.control,
            path: ['control'],
            message: `control "${e.control}" is retired (weight 0)`,
          });
      }
    }),
  );

/**
 * Refuses counts that would print nonsense: negative, fractional or non-finite counts,
 * conversions above exposures, negative or non-finite weights, duplicate variant ids, weights
 * given for only some variants, and a control that is missing or retired.
 * @throws InvalidExperimentCountsError listing every problem.
 */
export function validateExperimentCounts(counts: ExperimentCounts): void {
  const parsed = experimentCountsSchema.safeParse(counts);
  if (parsed.success) return;
  const issues: CountsIssue[] = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  throw new InvalidExperimentCountsError(typeof counts.id === 'string' ? counts.id : null, issues);
}
