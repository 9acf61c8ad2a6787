// Reference values. Textbook: Newcombe RG (1998a) "Two-sided confidence intervals for the single
// proportion: comparison of seven methods", Stat Med 17:857–872, Table I (Wilson, method 3);
// Newcombe RG (1998b) "Interval estimation for the difference between independent proportions:
// comparison of eleven methods", Stat Med 17:873–890, Table II (method 10). χ² critical values
// from any χ² table (3.841 / 10.828 at df 1, 5.991 at df 2). Values to more digits were computed
// independently with SciPy 1.17 (scipy.stats.chi2.sf, norm.sf, chisquare, chi2_contingency,
// and integrate.quad of the Beta posterior densities for the probability to beat control).
import { describe, expect, it } from 'vitest';
import { differenceInterval } from './difference-interval.ts';
import { chiSquarePValue, logGamma } from './gamma.ts';
import { normalTail } from './normal-tail.ts';
import { probabilityToBeat } from './probability-to-beat.ts';
import { ratioInterval } from './ratio-interval.ts';
import { sampleRatioMismatch } from './sample-ratio-mismatch.ts';
import { twoProportionZTest } from './two-proportion-z-test.ts';
import { wilsonInterval } from './wilson-interval.ts';

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

describe('wilsonInterval', () => {
  it.each([
    // Newcombe 1998a, Table I, method 3 (published to 4 decimals)
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [29, 29, 0.883, 1],
  ])('%i/%i → [%f, %f]', (x, n, lower, upper) => {
    const interval = wilsonInterval(x, n);
    expect(round4(interval.lower)).toBe(lower);
    expect(round4(interval.upper)).toBe(upper);
  });

  it('matches SciPy to 1e-12', () => {
    const interval = wilsonInterval(81, 263);
    expect(interval.lower).toBeCloseTo(0.2552885198782742, 12);
    expect(interval.upper).toBeCloseTo(0.36620957698280004, 12);
  });

  it('is the whole range when nothing was observed', () => {
    expect(wilsonInterval(0, 0)).toEqual({ lower: 0, upper: 1 });
  });
});

describe('differenceInterval (Newcombe hybrid score)', () => {
  it.each([
    // Newcombe 1998b, Table II, method 10
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
  ])('%i/%i − %i/%i → [%f, %f]', (x1, n1, x2, n2, lower, upper) => {
    const interval = differenceInterval(x1, n1, x2, n2);
    expect(round4(interval.lower)).toBe(lower);
    expect(round4(interval.upper)).toBe(upper);
  });
});

describe('ratioInterval', () => {
  it('log-scale delta method: 80/1000 vs 50/1000 → RR 1.6 [1.1362, 2.2531]', () => {
    const r = ratioInterval(80, 1000, 50, 1000)!;
    expect(r.ratio).toBeCloseTo(1.6, 12);
    expect(r.lower).toBeCloseTo(1.1362241714142427, 10);
    expect(r.upper).toBeCloseTo(2.2530765181782773, 10);
  });

  it('is undefined when an arm has no conversions', () => {
    expect(ratioInterval(0, 100, 5, 100)).toBeNull();
    expect(ratioInterval(5, 100, 0, 100)).toBeNull();
  });
});

describe('twoProportionZTest', () => {
  it('80/1000 vs 50/1000: z = 2.7211, p = 0.006507 (equals Pearson χ² = 7.4044 on the 2×2 table)', () => {
    const t = twoProportionZTest(80, 1000, 50, 1000);
    expect(t.z).toBeCloseTo(2.721095431170472, 10);
    expect(t.z ** 2).toBeCloseTo(7.404360345536816, 9);
    expect(t.pValue).toBeCloseTo(0.00650659748363783, 12);
  });

  it('200/1000 vs 150/1000: p = 0.003256', () => {
    expect(twoProportionZTest(200, 1000, 150, 1000).pValue).toBeCloseTo(0.0032562696284120576, 12);
  });

  it('is 1 when there is no variation at all', () => {
    expect(twoProportionZTest(0, 100, 0, 100).pValue).toBe(1);
  });
});

describe('normal and χ² tails', () => {
  it('normalTail matches SciPy norm.sf, including far tails', () => {
    expect(normalTail(1.959963984540054)).toBeCloseTo(0.025, 14);
    expect(normalTail(0.5)).toBeCloseTo(0.3085375387259869, 14);
    expect(normalTail(5) / 2.866515718791933e-7).toBeCloseTo(1, 10);
    // Beyond 7.07 Hart switches to a continued fraction: relative error ~1e-8 there.
    expect(normalTail(8) / 6.22096057427174e-16).toBeCloseTo(1, 7);
  });

  it('χ² table critical values give their p', () => {
    expect(chiSquarePValue(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquarePValue(10.827566170662733, 1)).toBeCloseTo(0.001, 12);
    expect(chiSquarePValue(5.991464547107979, 2)).toBeCloseTo(0.05, 12);
    expect(chiSquarePValue(20, 3)).toBeCloseTo(0.00016974243555282632, 14);
    expect(chiSquarePValue(0.5, 1)).toBeCloseTo(0.47950012218695337, 12);
  });

  it('logGamma is exact at integers (ln (n − 1)!)', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(11)).toBeCloseTo(Math.log(3_628_800), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
  });
});

describe('probabilityToBeat (Beta-Binomial, Beta(1, 1) priors)', () => {
  it('closed form: P(Beta(2,1) > Beta(1,2)) = 5/6', () => {
    // ∫ 2x · (1 − (1 − x)²) dx over [0, 1] = 5/6
    expect(probabilityToBeat(0, 1, 1, 1)).toBeCloseTo(5 / 6, 13);
  });

  it.each([
    [50, 1000, 80, 1000, 0.996746426547623],
    [10, 100, 15, 100, 0.8532837899339668],
    [3, 40, 9, 45, 0.9451850507413815],
    [100, 2000, 100, 2000, 0.5],
  ])('A %i/%i, B %i/%i → %f (numerical integration)', (xA, nA, xB, nB, expected) => {
    expect(probabilityToBeat(xA, nA, xB, nB)).toBeCloseTo(expected, 9);
  });

  it('is symmetric: P(B > A) + P(A > B) = 1', () => {
    expect(probabilityToBeat(12, 130, 19, 150) + probabilityToBeat(19, 150, 12, 130)).toBeCloseTo(1, 12);
  });

  // 40-digit references, computed independently with mpmath 1.3 (mp.dps = 40): numerical
  // integration ∫ f_large(x) · I_x(a_small, b_small) dx of one Beta posterior density against
  // the other's regularized incomplete beta (mp.quad, mp.betainc) where it converges; where both
  // arms are large, the Miller sum over the control's a terms evaluated term by term with mp.beta
  // (no recurrence, no float). A normal approximation of the posteriors, used here before #19,
  // was off by 0.034 at the first case and by 0.008 at the 1 % holdout.
  it.each([
    ['small control, large treatment (10 / 200)', 10, 200, 20_000, 400_000, 0.42340871899632476],
    ['small control, one side of the old switch', 10, 200, 20_500, 400_000, 0.4556152121538456],
    ['a 1 % holdout', 200, 4_000, 20_000, 396_000, 0.5408664491151096],
    ['both large, 19,999 conversions', 19_500, 400_000, 19_999, 400_000, 0.9949901247046036],
    ['both large, 20,000 conversions', 19_500, 400_000, 20_000, 400_000, 0.9950639415100778],
    ['80 / 1000 vs 50 / 1000', 50, 1_000, 80, 1_000, 0.9967464265476232],
  ])('is exact for every count: %s', (_, xA, nA, xB, nB, expected) => {
    expect(Math.abs(probabilityToBeat(xA, nA, xB, nB) - expected)).toBeLessThan(1e-12);
  });

  it('has no jump: one more conversion moves it by the true change, not by 3 points', () => {
    const before = probabilityToBeat(19_500, 400_000, 19_999, 400_000);
    const after = probabilityToBeat(19_500, 400_000, 20_000, 400_000);
    expect(after - before).toBeCloseTo(0.9950639415100778 - 0.9949901247046036, 12);
  });

  it('stays within 1e-7 of SciPy quadrature at ten million exposures per arm', () => {
    // scipy.integrate.quad of the Beta(2000001, 8000001) density × betainc(2001001, 7999001, x)
    // in 80 panels over ±40 sd (double precision, so the reference itself is good to ~1e-9).
    expect(probabilityToBeat(2_000_000, 10_000_000, 2_001_000, 10_000_000)).toBeCloseTo(
      0.7119070431725492,
      7,
    );
  });

  it('is fast whatever the counts (cost follows the smallest posterior parameter)', () => {
    const start = performance.now();
    probabilityToBeat(2_000_000, 10_000_000, 2_001_000, 10_000_000);
    probabilityToBeat(10, 200, 5_000_000, 10_000_000);
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});

describe('sampleRatioMismatch', () => {
  it('5080 / 4920 at 50/50 is chance (χ² 2.56, p 0.1096)', () => {
    const srm = sampleRatioMismatch([5080, 4920], [50, 50]);
    expect(srm.chiSquare).toBeCloseTo(2.56, 12);
    expect(srm.pValue).toBeCloseTo(0.10959858339911568, 12);
    expect(srm.mismatch).toBe(false);
  });

  it('5300 / 4700 at 50/50 is flagged (χ² 36, p 1.97e-9)', () => {
    const srm = sampleRatioMismatch([5300, 4700], [50, 50]);
    expect(srm.pValue / 1.9731752900753933e-9).toBeCloseTo(1, 8);
    expect(srm.mismatch).toBe(true);
  });

  it('uses the configured weights (1000 / 2100 / 2900 at 1:2:3, p 0.0155, not flagged)', () => {
    const srm = sampleRatioMismatch([1000, 2100, 2900], [1, 2, 3]);
    expect(srm.expected).toEqual([1000, 2000, 3000]);
    expect(srm.chiSquare).toBeCloseTo(8.333333333333334, 12);
    expect(srm.pValue).toBeCloseTo(0.015503853599009307, 12);
    expect(srm.mismatch).toBe(false);
  });
});
