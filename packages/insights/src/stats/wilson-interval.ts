import { Z_95 } from './normal-tail.ts';

/** A two-sided confidence interval. */
export interface Interval {
  lower: number;
  upper: number;
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927; Newcombe 1998, method 3).
 * Well behaved at 0 and n successes, unlike the Wald interval.
 * @example wilsonInterval(81, 263) // { lower: 0.2553, upper: 0.3662 } (Newcombe 1998, Table I)
 */
export function wilsonInterval(successes: number, trials: number, z: number = Z_95): Interval {
  if (trials <= 0) return { lower: 0, upper: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = p + z2 / (2 * trials);
  const spread = z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return {
    lower: successes === 0 ? 0 : Math.max(0, (centre - spread) / denominator),
    upper: successes === trials ? 1 : Math.min(1, (centre + spread) / denominator),
  };
}
