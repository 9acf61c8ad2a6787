import { logBeta } from './gamma.ts';

/**
 * P(p_B > p_A) when p_A ~ Beta(1 + x_A, 1 + n_A − x_A) and p_B ~ Beta(1 + x_B, 1 + n_B − x_B)
 * (uniform Beta(1, 1) priors, binomial likelihood), for every count: the closed-form finite sum
 * for integer posterior parameters (E. Miller, "Formulas for Bayesian A/B testing", 2015),
 * never a normal approximation. The sum has one term per unit of a posterior parameter; by the
 * symmetries P(B > A) = 1 − P(A > B) and p ↦ 1 − p it is taken over whichever of the four
 * parameters is smallest, so a small control (10 / 200) costs 11 terms whatever the treatment's
 * size. Terms come from a ratio recurrence, so the cost is one multiplication each; the
 * absolute error stays below 1e-9 up to millions of exposures (tested against 50-digit
 * numerical integration).
 */
export function probabilityToBeat(xA: number, nA: number, xB: number, nB: number): number {
  const aA = 1 + xA;
  const bA = 1 + nA - xA;
  const aB = 1 + xB;
  const bB = 1 + nB - xB;
  const smallest = Math.min(aA, bA, aB, bB);
  let p: number;
  // P(p_B > p_A) directly, over a_B terms …
  if (aB === smallest) p = probabilityYAboveX(aA, bA, aB, bB);
  // … or over b_A terms: p_B > p_A ⇔ 1 − p_A > 1 − p_B, and 1 − p ~ Beta(b, a) …
  else if (bA === smallest) p = probabilityYAboveX(bB, aB, bA, aA);
  // … or as the complement of P(p_A > p_B), over a_A terms …
  else if (aA === smallest) p = 1 - probabilityYAboveX(aB, bB, aA, bA);
  // … or as the complement of P(1 − p_B > 1 − p_A), over b_B terms.
  else p = 1 - probabilityYAboveX(bA, aA, bB, aB);
  return Math.min(1, Math.max(0, p));
}

const SCALE = 1e200;
const LOG_SCALE = Math.log(SCALE);

/**
 * P(Y > X) for X ~ Beta(aX, bX), Y ~ Beta(aY, bY), integer aY:
 * Σ_{i<aY} B(aX + i, bX + bY) / ((bY + i) · B(1 + i, bY) · B(aX, bX)).
 * Consecutive terms have the ratio (aX + i)(bY + i) / ((aX + bX + bY + i)(1 + i)); the first is
 * B(aX, bX + bY) / B(aX, bX) (see `logFirstTerm`). The running value is kept as `value · e^logScale` so that neither
 * a term that underflows nor one that overflows loses the sum.
 */
function probabilityYAboveX(aX: number, bX: number, aY: number, bY: number): number {
  let logScale = logFirstTerm(aX, bX, bY);
  let term = 1;
  let sum = 0;
  const abb = aX + bX + bY;
  for (let i = 0; i < aY; i++) {
    sum += term;
    const ratio = ((aX + i) * (bY + i)) / ((abb + i) * (1 + i));
    term *= ratio;
    // Terms fall monotonically after the peak (the ratio decreases in i): once one is below
    // 1e-20 of the sum, the at most aY that follow cannot move it.
    if (ratio < 1 && term < sum * 1e-20) break;
    if (term > SCALE) {
      term /= SCALE;
      sum /= SCALE;
      logScale += LOG_SCALE;
    } else if (term < 1 / SCALE) {
      // Still before the peak: everything so far is smaller still, so rescaling cannot overflow.
      term *= SCALE;
      sum *= SCALE;
      logScale -= LOG_SCALE;
    }
  }
  return sum * Math.exp(logScale);
}

// Up to this many factors, ln B(aX, bX + bY) / B(aX, bX) is summed factor by factor.
const EXACT_FACTORS = 200_000;

/**
 * ln[B(aX, bX + bY) / B(aX, bX)] for integer aX, bY. As a difference of ln Γ values of size
 * ~10⁶ it loses ~1e-9 to rounding; as the product ∏_{j<aX} (bX + j) / (bX + bY + j), or
 * equally ∏_{j<bY} (bX + j) / (aX + bX + j), summed in logs with log1p, it keeps ~1e-14.
 */
function logFirstTerm(aX: number, bX: number, bY: number): number {
  let sum = 0;
  if (aX <= bY && aX <= EXACT_FACTORS) {
    for (let j = 0; j < aX; j++) sum -= Math.log1p(bY / (bX + j));
    return sum;
  }
  if (bY <= EXACT_FACTORS) {
    for (let j = 0; j < bY; j++) sum -= Math.log1p(aX / (bX + j));
    return sum;
  }
  return logBeta(aX, bX + bY) - logBeta(aX, bX);
}
