import { normalTail } from './normal-tail.ts';

/** Result of a two-sided two-proportion z-test. */
export interface TwoProportionZTest {
  z: number;
  pValue: number;
}

/**
 * Two-sided z-test of H₀: p₁ = p₂ with the pooled standard error (equivalent to Pearson's
 * χ² test on the 2×2 table without continuity correction: z² = χ²).
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): TwoProportionZTest {
  if (n1 <= 0 || n2 <= 0) return { z: 0, pValue: 1 };
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, pValue: 1 };
  const z = (x1 / n1 - x2 / n2) / se;
  return { z, pValue: Math.min(1, 2 * normalTail(z)) };
}
