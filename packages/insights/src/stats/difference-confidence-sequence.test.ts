// References computed independently in Python 3.11 / SciPy 1.17: r* by scipy.optimize.brentq
// on r − ln(1 + r) − 2 ln(1/α); the p-value as 1 / Λ with the mSPRT's own form
// Λ = √(V / (V + τ²)) · exp(τ² θ̂² / (2 V (V + τ²))) (Johari et al. 2017), τ² = r · V.
import { describe, expect, it } from 'vitest';
import { differenceConfidenceSequence, optimalMixingRatio } from './difference-confidence-sequence.ts';
import { differenceInterval } from './difference-interval.ts';

describe('differenceConfidenceSequence (normal mixture)', () => {
  it('tunes the mixture at r* = 8.2120 for α = 0.05', () => {
    expect(optimalMixingRatio(0.05)).toBeCloseTo(8.21196806206856, 12);
  });

  it('80 / 1000 vs 50 / 1000: always-valid interval and p-value', () => {
    const cs = differenceConfidenceSequence(80, 1000, 50, 1000);
    expect(cs.estimate).toBeCloseTo(0.03, 14);
    expect(cs.lower).toBeCloseTo(-0.004404304508917038, 12);
    expect(cs.upper).toBeCloseTo(0.06440430450891704, 12);
    expect(cs.pValue).toBeCloseTo(0.12203184006954712, 12);
  });

  it('340 / 5000 vs 250 / 5000: excludes 0, and the p-value agrees', () => {
    const cs = differenceConfidenceSequence(340, 5000, 250, 5000);
    expect(cs.lower).toBeCloseTo(0.0035613195426965286, 12);
    expect(cs.upper).toBeCloseTo(0.03243868045730348, 12);
    expect(cs.pValue).toBeCloseTo(0.00430659267082236, 12);
  });

  it('excludes 0 exactly when its p-value is below alpha, at every level', () => {
    for (const alpha of [0.05, 0.025, 0.01, 0.05 / 3])
      for (const x1 of [40, 55, 60, 62, 65, 70, 90]) {
        const cs = differenceConfidenceSequence(x1, 1000, 50, 1000, { alpha });
        expect(cs.lower > 0 || cs.upper < 0).toBe(cs.pValue < alpha);
      }
  });

  it('is wider than the fixed-horizon interval (about 1.55× at the tuned size)', () => {
    const cs = differenceConfidenceSequence(130, 2500, 125, 2500, { tuningExposures: 5000 });
    const fixed = differenceInterval(130, 2500, 125, 2500);
    const ratio = (cs.upper - cs.lower) / (fixed.upper - fixed.lower);
    expect(ratio).toBeGreaterThan(1.5);
    expect(ratio).toBeLessThan(1.6);
  });

  it('never collapses to a point at 0 % or 100 %, and is the whole range without data', () => {
    const cs = differenceConfidenceSequence(0, 500, 0, 500);
    expect(cs.upper - cs.lower).toBeGreaterThan(0.01);
    expect(cs.pValue).toBe(1);
    expect(differenceConfidenceSequence(0, 0, 5, 10)).toMatchObject({ lower: -1, upper: 1, pValue: 1 });
  });
});
