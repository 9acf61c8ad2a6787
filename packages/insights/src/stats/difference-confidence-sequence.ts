import type { Interval } from './wilson-interval.ts';

/** An always-valid (anytime) confidence interval for p₁ − p₂, and the matching p-value. */
export interface ConfidenceSequence extends Interval {
  /** p₁ − p₂ as observed. */
  estimate: number;
  /**
   * Always-valid p-value for p₁ = p₂: 1 / the mixture likelihood ratio, capped at 1. Stopping the
   * first time it drops below `alpha`, after any number of looks, is a level-`alpha` test.
   */
  pValue: number;
  /** r = τ² / V: how far the sequence is from the sample size it was tuned for (tightest at r*). */
  mixingRatio: number;
}

/** Options of {@link differenceConfidenceSequence}. */
export interface ConfidenceSequenceOptions {
  /** 1 − coverage, for the whole sequence of looks. @default 0.05 */
  alpha?: number;
  /**
   * Exposures, both arms together, at which the interval is tightest. Any value fixed before
   * the data keeps the guarantee; a planned sample size is the natural choice.
   * @default 5000
   */
  tuningExposures?: number;
}

/**
 * r* minimising the normal-mixture boundary √((1 + r) / r · (ln(1 + r) + 2 ln(1/α))) — the
 * fixed point of r = ln(1 + r) + 2 ln(1/α) (8.21 at α = 0.05).
 */
export function optimalMixingRatio(alpha: number): number {
  const c = 2 * Math.log(1 / alpha);
  let r = c;
  for (let i = 0; i < 100; i++) {
    const next = Math.log1p(r) + c;
    if (Math.abs(next - r) < 1e-12) return next;
    r = next;
  }
  return r;
}

/**
 * Asymptotic confidence sequence for the difference of two proportions, by the two-sided
 * normal-mixture boundary (Robbins 1970; Howard, Ramdas, McAuliffe & Sekhon 2021,
 * "Time-uniform, nonparametric, nonasymptotic confidence sequences", Ann. Stat. 49(2), eq. 14),
 * applied to the standardized difference as in Waudby-Smith et al. 2024, "Time-uniform central
 * limit theory and asymptotic confidence sequences" — the construction GrowthBook documents for
 * its sequential engine. Equivalently, the mixture SPRT of Johari, Koomen, Pekelis & Walsh
 * (2017, "Peeking at A/B tests") with a normal mixing distribution: the p-value is 1 / Λ.
 *
 * With V the variance of p̂₁ − p̂₂ and r = r* · (n₁ + n₂) / `tuningExposures`:
 *   p̂₁ − p̂₂ ± √V · √((1 + r) / r · (ln(1 + r) + 2 ln(1/α)))
 * holds for every sample size at once with probability ≥ 1 − α (asymptotically), so it can be
 * read every day and acted on whenever it excludes 0. At the tuned size it is about 1.55× as
 * wide as the fixed-horizon interval; that is the price of looking as often as you like.
 *
 * V uses (x + ½) / (n + 1) for each rate, so 0 / n and n / n do not give a zero-width interval.
 */
export function differenceConfidenceSequence(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  options: ConfidenceSequenceOptions = {},
): ConfidenceSequence {
  const alpha = options.alpha ?? 0.05;
  const tuning = options.tuningExposures ?? 5000;
  if (n1 <= 0 || n2 <= 0) return { estimate: 0, lower: -1, upper: 1, pValue: 1, mixingRatio: 0 };
  const estimate = x1 / n1 - x2 / n2;
  const smoothed = (x: number, n: number) => (x + 0.5) / (n + 1);
  const variance = (x: number, n: number) => (smoothed(x, n) * (1 - smoothed(x, n))) / n;
  const se = Math.sqrt(variance(x1, n1) + variance(x2, n2));
  const r = (optimalMixingRatio(alpha) * (n1 + n2)) / tuning;
  const halfWidth = se * Math.sqrt(((1 + r) / r) * (Math.log1p(r) + 2 * Math.log(1 / alpha)));
  const z = estimate / se;
  // 1/Λ = √(1 + r) · exp(−z² r / (2 (1 + r))); 0 ∉ interval ⇔ pValue < alpha.
  const pValue = Math.min(1, Math.exp(0.5 * Math.log1p(r) - (z * z * r) / (2 * (1 + r))));
  return {
    estimate,
    lower: Math.max(-1, estimate - halfWidth),
    upper: Math.min(1, estimate + halfWidth),
    pValue,
    mixingRatio: r,
  };
}
