import { describe, expect, it } from 'vitest';
import { type AnalysisOptions, analyzeExperiment } from './analyze-experiment.ts';
import { InvalidExperimentCountsError } from './invalid-experiment-counts-error.ts';

const twoArm = (
  control: [number, number],
  momentum: [number, number],
  weights: [number, number] = [50, 50],
  options: AnalysisOptions = {},
) =>
  analyzeExperiment(
    {
      id: 'usage_copy',
      variants: [
        { id: 'control', weight: weights[0], exposures: control[0], conversions: control[1] },
        { id: 'momentum', weight: weights[1], exposures: momentum[0], conversions: momentum[1] },
      ],
    },
    options,
  );
const fixedHorizon: AnalysisOptions = { method: 'fixed_horizon' };

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
    // p = 0.0065 at 1,000 per arm is a fixed-horizon result: read daily, that rule calls A/A
    // tests in ~20 % of runs (#19). The default, sequential verdict does not call it yet …
    expect(result.method).toBe('sequential');
    expect(vs.sequential.lower).toBeLessThan(0);
    expect(result.verdict.kind).toBe('no_significant_difference');
    expect(result.verdict.message).toMatch(/95% always-valid CI -0\.4 pts to \+6\.4 pts/);
    // … the fixed-horizon read does, labelled provisional because no sample size was planned.
    const fixed = twoArm([1000, 50], [1000, 80], [50, 50], fixedHorizon).verdict;
    expect(fixed).toMatchObject({ kind: 'winner', winner: 'momentum', provisional: true });
    expect(fixed.message).toMatch(/momentum wins: 8\.0% vs 5\.0%/);
    expect(fixed.message).toMatch(/Provisional/);
  });

  it('calls a winner sequentially once the always-valid interval excludes zero', () => {
    const result = twoArm([5000, 250], [5000, 340]);
    expect(result.verdict).toMatchObject({ kind: 'winner', winner: 'momentum', provisional: false });
    expect(result.verdict.message).toMatch(
      /momentum wins: 6\.8% vs 5\.0% for control \(\+1\.8 pts, 95% always-valid CI \+0\.4 pts to \+3\.2 pts\)/,
    );
    expect(result.verdict.message).toMatch(/safe to act on now/);
  });

  it('ties a fixed-horizon call to the planned sample size', () => {
    const before = twoArm([1000, 50], [1000, 80], [50, 50], {
      ...fixedHorizon,
      plannedExposuresPerVariant: 4000,
    });
    expect(before.plan).toEqual({ exposuresPerVariant: 4000, progress: 0.25, reached: false });
    expect(before.verdict.provisional).toBe(true);
    expect(before.verdict.message).toMatch(/at 25% of the planned 4,000 exposures per variant/);
    const at = twoArm([4000, 200], [4000, 260], [50, 50], {
      ...fixedHorizon,
      plannedExposuresPerVariant: 4000,
    });
    expect(at.verdict).toMatchObject({ kind: 'winner', provisional: false });
    expect(at.verdict.message).not.toMatch(/Provisional/);
    // Sequential verdicts are never provisional; the plan only tunes where they are tightest.
    expect(
      twoArm([1000, 50], [1000, 80], [50, 50], { plannedExposuresPerVariant: 4000 }).verdict.provisional,
    ).toBe(false);
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
    // 1,000 per arm at p = 0.0065 is only a fixed-horizon call (#19); 5,000 per arm is a sequential one.
    expect(twoArm([1000, 80], [1000, 50], [50, 50], fixedHorizon).verdict).toMatchObject({
      kind: 'control_better',
      winner: 'control',
    });
    expect(twoArm([1000, 80], [1000, 50]).verdict.kind).toBe('no_significant_difference');
    expect(twoArm([5000, 340], [5000, 250]).verdict).toMatchObject({
      kind: 'control_better',
      winner: 'control',
    });
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
    // The fixed-horizon read splits alpha too: its interval is at 98.3 %, not 95 %.
    const fixed = analyzeExperiment(
      {
        variants: [
          { id: 'a', exposures: 2000, conversions: 100 },
          { id: 'b', exposures: 2000, conversions: 132 },
          { id: 'c', exposures: 2000, conversions: 100 },
          { id: 'd', exposures: 2000, conversions: 100 },
        ],
      },
      fixedHorizon,
    );
    expect(fixed.decisionLevel).toBeCloseTo(1 - 0.05 / 3, 14);
    expect(fixed.variants[1]!.vsControl!.significant).toBe(false);
    expect(fixed.verdict.kind).toBe('no_significant_difference');
  });

  it('with more than two variants, the message quotes the adjusted interval, which agrees with it', () => {
    // b vs a: the unadjusted 95 % interval excludes 0, the 98.3 % one (3 comparisons) does not.
    const result = analyzeExperiment(
      {
        variants: [
          { id: 'a', exposures: 2000, conversions: 100 },
          { id: 'b', exposures: 2000, conversions: 135 },
          { id: 'c', exposures: 2000, conversions: 100 },
          { id: 'd', exposures: 2000, conversions: 100 },
        ],
      },
      fixedHorizon,
    );
    const b = result.variants[1]!.vsControl!;
    expect(b.absoluteLiftInterval.lower).toBeGreaterThan(0);
    expect(b.decisionInterval.lower).toBeLessThan(0);
    expect(result.verdict.kind).toBe('no_significant_difference');
    const quoted = /98\.3% CI, adjusted for 3 comparisons (-?[\d.]+) pts to \+?(-?[\d.]+) pts/.exec(
      result.verdict.message,
    );
    expect(quoted).not.toBeNull();
    expect(Number(quoted![1])).toBeLessThanOrEqual(0);
    expect(Number(quoted![2])).toBeGreaterThan(0);
    for (const v of result.variants)
      if (v.vsControl)
        expect(v.vsControl.significant).toBe(
          v.vsControl.decisionInterval.lower > 0 || v.vsControl.decisionInterval.upper < 0,
        );
  });

  it('leaves a retired variant (weight 0) out of the SRM check and the comparisons', () => {
    const result = analyzeExperiment({
      variants: [
        { id: 'control', weight: 50, exposures: 5000, conversions: 250 },
        { id: 'momentum', weight: 50, exposures: 5000, conversions: 260 },
        { id: 'urgency', weight: 0, exposures: 1000, conversions: 80 },
      ],
    });
    expect(result.srm.mismatch).toBe(false);
    expect(result.srm.chiSquare).toBe(0);
    expect(result.variants.map((v) => v.id)).toEqual(['control', 'momentum']);
    expect(result.retired).toEqual([{ id: 'urgency', weight: 0, exposures: 1000, conversions: 80 }]);
    expect(result.verdict.kind).toBe('no_significant_difference');
  });

  it.each([
    [
      'conversions > exposures',
      [{ id: 'control', exposures: 10, conversions: 12 }],
      /variants\.0\.conversions: conversions exceed exposures/,
    ],
    ['NaN', [{ id: 'control', exposures: Number.NaN, conversions: 0 }], /variants\.0\.exposures/],
    ['negative', [{ id: 'control', exposures: 100, conversions: -1 }], /variants\.0\.conversions/],
    ['fractional', [{ id: 'control', exposures: 100.5, conversions: 1 }], /variants\.0\.exposures/],
    [
      'infinite',
      [{ id: 'control', exposures: Number.POSITIVE_INFINITY, conversions: 1 }],
      /variants\.0\.exposures/,
    ],
    [
      'a negative weight',
      [{ id: 'control', weight: -50, exposures: 100, conversions: 1 }],
      /variants\.0\.weight/,
    ],
    [
      'duplicate ids',
      [
        { id: 'control', exposures: 100, conversions: 1 },
        { id: 'control', exposures: 100, conversions: 2 },
      ],
      /variants\.1\.id: duplicate variant id "control"/,
    ],
    [
      'weights for only some variants',
      [
        { id: 'control', weight: 50, exposures: 100, conversions: 1 },
        { id: 'b', exposures: 100, conversions: 2 },
      ],
      /give a weight for every variant or for none/,
    ],
    [
      'a retired control',
      [
        { id: 'control', weight: 0, exposures: 100, conversions: 1 },
        { id: 'b', weight: 50, exposures: 100, conversions: 2 },
      ],
      /"control" is retired/,
    ],
  ])('refuses %s with a clear error', (_, variants, message) => {
    const run = () => analyzeExperiment({ id: 'usage_copy', variants });
    expect(run).toThrow(InvalidExperimentCountsError);
    expect(run).toThrow(/^Invalid experiment usage_copy: /);
    expect(run).toThrow(message);
  });

  it('has no relative lift when the control never converted', () => {
    const vs = twoArm([200, 0], [200, 12]).variants[1]!.vsControl!;
    expect(vs.relativeLift).toBeNull();
    expect(vs.relativeLiftInterval).toBeNull();
  });
});
