import { normalQuantile } from './normal-quantile.ts';

/** Inputs of {@link planSampleSize}. */
export interface SampleSizeInput {
  /** Control conversion rate expected, 0–1 (e.g. 0.05). */
  baselineRate: number;
  /** Smallest absolute lift worth detecting, in rate units (0.01 = one point). */
  minimumDetectableEffect: number;
  /** P(significant | the effect is real). @default 0.8 */
  power?: number;
  /** Family-wise two-sided significance level, Bonferroni-split across treatments. @default 0.05 */
  alpha?: number;
  /** Variants including control, all at equal weight. @default 2 */
  variants?: number;
  /** Exposures per day across the whole experiment, to turn the plan into days. */
  dailyExposures?: number;
}

/** A fixed-horizon plan: read the result once, at this size. */
export interface SampleSizePlan {
  exposuresPerVariant: number;
  totalExposures: number;
  /** Days at `dailyExposures`; `null` when traffic was not given. */
  days: number | null;
  /** Two-sided level per comparison after the Bonferroni split. */
  alphaPerComparison: number;
}

/**
 * Exposures per variant for a two-sided two-proportion z-test (Fleiss, Levin & Paik,
 * "Statistical Methods for Rates and Proportions", 3rd ed., eq. 4.14, without continuity
 * correction): n = (z₁₋α/₂ √(2 p̄ q̄) + z₁₋β √(p₁q₁ + p₂q₂))² / δ², rounded up.
 * @example planSampleSize({ baselineRate: 0.05, minimumDetectableEffect: 0.01 }).exposuresPerVariant // 8158
 */
export function planSampleSize(input: SampleSizeInput): SampleSizePlan {
  const { baselineRate: p1, minimumDetectableEffect: delta } = input;
  const power = input.power ?? 0.8;
  const variants = input.variants ?? 2;
  const alphaPerComparison = (input.alpha ?? 0.05) / Math.max(1, variants - 1);
  const p2 = p1 + delta;
  if (!(p1 > 0 && p1 < 1 && p2 > 0 && p2 < 1 && delta !== 0))
    throw new RangeError(
      'baselineRate and baselineRate + minimumDetectableEffect must be strictly between 0 and 1, and the effect non-zero',
    );
  if (!(power > 0 && power < 1)) throw new RangeError('power must be strictly between 0 and 1');
  if (!(alphaPerComparison > 0 && alphaPerComparison < 1))
    throw new RangeError('alpha must be strictly between 0 and 1');
  if (!Number.isInteger(variants) || variants < 2) throw new RangeError('variants must be an integer ≥ 2');
  const mean = (p1 + p2) / 2;
  const zAlpha = normalQuantile(1 - alphaPerComparison / 2);
  const zBeta = normalQuantile(power);
  const root = zAlpha * Math.sqrt(2 * mean * (1 - mean)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  const exposuresPerVariant = Math.ceil((root * root) / (delta * delta));
  const totalExposures = exposuresPerVariant * variants;
  const daily = input.dailyExposures;
  return {
    exposuresPerVariant,
    totalExposures,
    days: daily !== undefined && daily > 0 ? Math.ceil(totalExposures / daily) : null,
    alphaPerComparison,
  };
}
