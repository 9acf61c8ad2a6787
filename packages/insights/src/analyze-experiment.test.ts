import { describe, expect, it } from 'vitest';
import { analyzeExperiment } from './analyze-experiment.ts';

const twoArm = (
  control: [number, number],
  momentum: [number, number],
  weights: [number, number] = [50, 50],
) =>
  analyzeExperiment({
    id: 'usage_copy',
    variants: [
      { id: 'control', weight: weights[0], exposures: control[0], conversions: control[1] },
      { id: 'momentum', weight: weights[1], exposures: momentum[0], conversions: momentum[1] },
    ],
  });

describe('analyzeExperiment', () => {
  it('reports rates, lift with intervals, p-value and probability to beat control', () => {
    const result = twoArm([1000, 50], [1000, 80]);
    const [control, momentum] = result.variants;
    expect(control!.isControl).toBe(true);
    expect(control!.vsControl).toBeNull();
    expect(control!.rate).toBe(0.05);
    expect(momentum!.rate).toBe(0.08);
    const vs = momentum!.vsControl!;
    expect(vs.absoluteLift).toBeCloseTo(0.03, 12);
    // Newcombe interval brackets the observed lift; the log-ratio interval brackets +60 %.
    expect(vs.absoluteLiftInterval.lower).toBeGreaterThan(0);
    expect(vs.absoluteLiftInterval.upper).toBeGreaterThan(0.03);
    expect(vs.relativeLift).toBeCloseTo(0.6, 12);
    expect(vs.relativeLiftInterval!.lower).toBeCloseTo(0.1362241714142427, 10);
    expect(vs.relativeLiftInterval!.upper).toBeCloseTo(1.2530765181782773, 10);
    expect(vs.pValue).toBeCloseTo(0.00650659748363783, 12);
    expect(vs.probabilityToBeatControl).toBeCloseTo(0.996746426547623, 9);
    expect(result.verdict.kind).toBe('winner');
    expect(result.verdict.winner).toBe('momentum');
    expect(result.verdict.message).toMatch(/momentum wins: 8\.0% vs 5\.0%/);
  });

  it('refuses to call a winner with fewer than 10 conversions per variant', () => {
    const result = twoArm([400, 2], [400, 9]);
    expect(result.variants[1]!.vsControl!.pValue).toBeLessThan(0.05);
    expect(result.verdict.kind).toBe('insufficient_data');
    expect(result.verdict.winner).toBeNull();
    expect(result.verdict.message).toMatch(/control has 400 exposures and 2 conversions/);
  });

  it('refuses to call a winner with fewer than 100 exposures per variant', () => {
    expect(twoArm([90, 10], [90, 40]).verdict.kind).toBe('insufficient_data');
  });

  it('says "no significant difference" when the interval straddles zero', () => {
    const result = twoArm([1000, 50], [1000, 55]);
    expect(result.verdict.kind).toBe('no_significant_difference');
    expect(result.verdict.message).toMatch(/No significant difference yet/);
  });

  it('keeps the control when the variant is significantly worse', () => {
    const result = twoArm([1000, 80], [1000, 50]);
    expect(result.verdict).toMatchObject({ kind: 'control_better', winner: 'control' });
  });

  it('flags a sample ratio mismatch before anything else', () => {
    const result = twoArm([5300, 400], [4700, 200]);
    expect(result.srm.mismatch).toBe(true);
    expect(result.verdict.kind).toBe('sample_ratio_mismatch');
    expect(result.verdict.winner).toBeNull();
  });

  it('reads the split against the configured weights, not 50/50', () => {
    expect(twoArm([2000, 100], [8000, 400], [20, 80]).srm.mismatch).toBe(false);
    expect(twoArm([5000, 250], [5000, 250], [20, 80]).srm.mismatch).toBe(true);
  });

  it('Bonferroni-splits alpha across treatments (p = 0.02 is not enough with 3 treatments)', () => {
    const result = analyzeExperiment({
      variants: [
        { id: 'a', exposures: 2000, conversions: 100 },
        { id: 'b', exposures: 2000, conversions: 132 },
        { id: 'c', exposures: 2000, conversions: 100 },
        { id: 'd', exposures: 2000, conversions: 100 },
      ],
    });
    const b = result.variants[1]!.vsControl!;
    expect(result.control).toBe('a');
    expect(b.pValue).toBeGreaterThan(0.0167);
    expect(b.pValue).toBeLessThan(0.05);
    expect(b.significant).toBe(false);
    expect(result.verdict.kind).toBe('no_significant_difference');
  });

  it('has no relative lift when the control never converted', () => {
    const vs = twoArm([200, 0], [200, 12]).variants[1]!.vsControl!;
    expect(vs.relativeLift).toBeNull();
    expect(vs.relativeLiftInterval).toBeNull();
  });
});
