// References: the same Fleiss formula evaluated in Python with scipy.stats.norm.ppf, and the
// power of the pooled z-test at the planned n computed back with norm.sf (0.80001 at 8,158,
// 0.79996 at 8,157: the plan is the smallest n that reaches the power).
import { describe, expect, it } from 'vitest';
import { normalQuantile } from './normal-quantile.ts';
import { planSampleSize } from './plan-sample-size.ts';

describe('normalQuantile', () => {
  it.each([
    [0.975, 1.959963984540054],
    [0.8, 0.8416212335729143],
    [0.5, 0],
    [0.01, -2.3263478740408408],
    [0.95, 1.6448536269514722],
    [1 - 0.05 / 6, 2.3939797998185104],
  ])('Φ⁻¹(%f) = %f (scipy.stats.norm.ppf)', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 12);
  });
});

describe('planSampleSize', () => {
  it('5 % baseline, +1 point, 80 % power, α 0.05 → 8,158 per variant', () => {
    const plan = planSampleSize({ baselineRate: 0.05, minimumDetectableEffect: 0.01, dailyExposures: 400 });
    expect(plan).toEqual({
      exposuresPerVariant: 8158,
      totalExposures: 16316,
      days: 41,
      alphaPerComparison: 0.05,
    });
  });

  it('10 % baseline, +2 points → 3,841; a negative effect is planned the same way', () => {
    expect(planSampleSize({ baselineRate: 0.1, minimumDetectableEffect: 0.02 }).exposuresPerVariant).toBe(
      3841,
    );
    expect(planSampleSize({ baselineRate: 0.2, minimumDetectableEffect: -0.05 }).exposuresPerVariant).toBe(
      906,
    );
  });

  it('splits alpha across treatments and takes the power asked for (3 variants, 90 %)', () => {
    const plan = planSampleSize({
      baselineRate: 0.05,
      minimumDetectableEffect: 0.01,
      power: 0.9,
      variants: 3,
    });
    expect(plan.alphaPerComparison).toBe(0.025);
    expect(plan.exposuresPerVariant).toBe(12900);
    expect(plan.totalExposures).toBe(38700);
    expect(plan.days).toBeNull();
  });

  it('refuses rates outside (0, 1) and impossible power', () => {
    expect(() => planSampleSize({ baselineRate: 0.99, minimumDetectableEffect: 0.02 })).toThrow(RangeError);
    expect(() => planSampleSize({ baselineRate: 0.05, minimumDetectableEffect: 0 })).toThrow(RangeError);
    expect(() => planSampleSize({ baselineRate: 0.05, minimumDetectableEffect: 0.01, power: 1 })).toThrow(
      RangeError,
    );
  });
});
