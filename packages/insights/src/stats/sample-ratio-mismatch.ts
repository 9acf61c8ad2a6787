import { chiSquarePValue } from './gamma.ts';

/** Sample-ratio-mismatch check result. */
export interface SampleRatioMismatch {
  chiSquare: number;
  degreesOfFreedom: number;
  pValue: number;
  /** True when p < `alpha`: the split differs from the configured weights more than chance allows. */
  mismatch: boolean;
  /** Exposures each variant should have had under the configured weights. */
  expected: number[];
}

/**
 * Pearson χ² goodness-of-fit of observed exposures against the configured weights. A
 * mismatch means assignment or logging is broken, so the experiment's numbers can't be trusted.
 * @default alpha 0.001
 */
export function sampleRatioMismatch(
  exposures: readonly number[],
  weights: readonly number[],
  alpha = 0.001,
): SampleRatioMismatch {
  const total = exposures.reduce((s, n) => s + n, 0);
  const weightSum = weights.reduce((s, w) => s + w, 0);
  const expected = weights.map((w) => (weightSum > 0 ? (total * w) / weightSum : 0));
  let chiSquare = 0;
  exposures.forEach((observed, i) => {
    const e = expected[i] ?? 0;
    if (e > 0) chiSquare += (observed - e) ** 2 / e;
  });
  const degreesOfFreedom = Math.max(1, exposures.length - 1);
  const pValue = total === 0 || exposures.length < 2 ? 1 : chiSquarePValue(chiSquare, degreesOfFreedom);
  return { chiSquare, degreesOfFreedom, pValue, mismatch: pValue < alpha, expected };
}
