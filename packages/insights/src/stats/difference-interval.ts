import { Z_95 } from './normal-tail.ts';
import { type Interval, wilsonInterval } from './wilson-interval.ts';

/**
 * Interval for the difference of two independent proportions p₁ − p₂ by Newcombe's hybrid
 * score method (Newcombe 1998, "Interval estimation for the difference between independent
 * proportions", method 10): it combines the two Wilson intervals and keeps good coverage
 * at small counts and at 0 % / 100 %.
 */
export function differenceInterval(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  z: number = Z_95,
): Interval {
  const p1 = n1 > 0 ? x1 / n1 : 0;
  const p2 = n2 > 0 ? x2 / n2 : 0;
  const w1 = wilsonInterval(x1, n1, z);
  const w2 = wilsonInterval(x2, n2, z);
  const d = p1 - p2;
  return {
    lower: d - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2),
    upper: d + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2),
  };
}
