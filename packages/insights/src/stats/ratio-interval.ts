import { Z_95 } from './normal-tail.ts';
import type { Interval } from './wilson-interval.ts';

/**
 * Interval for the ratio of two proportions (p₁ / p₂) by the delta method on the log scale
 * (Katz et al. 1978): ln(RR) ± z·√(1/x₁ − 1/n₁ + 1/x₂ − 1/n₂). `null` when either arm has no
 * successes, where the log ratio is undefined.
 */
export function ratioInterval(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  z: number = Z_95,
): (Interval & { ratio: number }) | null {
  if (x1 <= 0 || x2 <= 0 || n1 <= 0 || n2 <= 0) return null;
  const ratio = x1 / n1 / (x2 / n2);
  const se = Math.sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2);
  return { ratio, lower: ratio * Math.exp(-z * se), upper: ratio * Math.exp(z * se) };
}
