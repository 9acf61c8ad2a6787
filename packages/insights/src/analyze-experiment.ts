import { differenceInterval } from './stats/difference-interval.ts';
import { probabilityToBeat } from './stats/probability-to-beat.ts';
import { ratioInterval } from './stats/ratio-interval.ts';
import { type SampleRatioMismatch, sampleRatioMismatch } from './stats/sample-ratio-mismatch.ts';
import { twoProportionZTest } from './stats/two-proportion-z-test.ts';
import { type Interval, wilsonInterval } from './stats/wilson-interval.ts';

/** Raw counts of one variant, as `GET /v1/admin/experiments` returns them. */
export interface VariantCounts {
  id: string;
  /** Configured traffic weight; equal weights are assumed when absent. */
  weight?: number;
  /** Distinct units exposed (first exposure wins). */
  exposures: number;
  /** Exposed units with a server-reported goal within the conversion window. */
  conversions: number;
}

/** Raw counts of one experiment. */
export interface ExperimentCounts {
  id?: string;
  goal?: string;
  unit?: string;
  conversionWindowDays?: number;
  variants: readonly VariantCounts[];
  /** Variant to compare against. @default the variant named `control`, else the first. */
  control?: string;
}

/** Treatment versus control. */
export interface Comparison {
  /** p_variant − p_control. */
  absoluteLift: number;
  /** 95 % Newcombe hybrid score interval for the absolute lift. */
  absoluteLiftInterval: Interval;
  /** p_variant / p_control − 1; `null` when the control has no conversions. */
  relativeLift: number | null;
  /** 95 % interval for the relative lift (log-ratio delta method); `null` when either arm has 0 conversions. */
  relativeLiftInterval: Interval | null;
  z: number;
  /** Two-sided two-proportion z-test p-value. */
  pValue: number;
  /** p < the Bonferroni-corrected significance level. */
  significant: boolean;
  /** Posterior P(p_variant > p_control) under Beta(1, 1) priors. */
  probabilityToBeatControl: number;
}

export interface VariantAnalysis
  extends Required<Pick<VariantCounts, 'id' | 'weight' | 'exposures' | 'conversions'>> {
  isControl: boolean;
  /** conversions / exposures (0 when nothing was exposed). */
  rate: number;
  /** 95 % Wilson score interval for the rate. */
  rateInterval: Interval;
  /** `null` for the control. */
  vsControl: Comparison | null;
}

export type VerdictKind =
  | 'winner'
  | 'control_better'
  | 'no_significant_difference'
  | 'insufficient_data'
  | 'sample_ratio_mismatch';

export interface Verdict {
  kind: VerdictKind;
  /** The variant to ship, when there is one. */
  winner: string | null;
  /** One or two sentences a growth manager can act on. */
  message: string;
}

/** Minimums before the verdict will name a winner. */
export interface VerdictThresholds {
  /** @default 100 */
  minExposures: number;
  /** @default 10 */
  minConversions: number;
  /** Family-wise significance level, Bonferroni-split across the treatment variants. @default 0.05 */
  alpha: number;
  /** SRM flag level. @default 0.001 */
  srmAlpha: number;
}

export interface ExperimentAnalysis {
  id: string | null;
  control: string;
  variants: VariantAnalysis[];
  srm: SampleRatioMismatch;
  verdict: Verdict;
  thresholds: VerdictThresholds;
}

export const DEFAULT_THRESHOLDS: VerdictThresholds = {
  minExposures: 100,
  minConversions: 10,
  alpha: 0.05,
  srmAlpha: 0.001,
};

const percent = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
const points = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} pts`;
const formatP = (p: number) => (p < 0.0001 ? '< 0.0001' : p.toFixed(4));

/**
 * Analyzes an A/B(/n) test from raw counts: Wilson intervals per variant, absolute and relative
 * lift against control with 95 % intervals, z-test p-values, Bayesian probability to beat
 * control, a sample-ratio-mismatch check and a plain-language verdict that refuses to call a
 * winner on too little data.
 * @example
 * analyzeExperiment({ variants: [
 *   { id: 'control', weight: 50, exposures: 1000, conversions: 50 },
 *   { id: 'momentum', weight: 50, exposures: 1000, conversions: 80 },
 * ] }).verdict // { kind: 'winner', winner: 'momentum', … }
 */
export function analyzeExperiment(
  counts: ExperimentCounts,
  thresholds: Partial<VerdictThresholds> = {},
): ExperimentAnalysis {
  const limits: VerdictThresholds = { ...DEFAULT_THRESHOLDS, ...thresholds };
  const variants = counts.variants.map((v) => ({
    id: v.id,
    weight: v.weight ?? 1,
    exposures: Math.max(0, v.exposures),
    conversions: Math.min(Math.max(0, v.conversions), Math.max(0, v.exposures)),
  }));
  const control =
    variants.find((v) => v.id === counts.control) ?? variants.find((v) => v.id === 'control') ?? variants[0];
  const controlId = control?.id ?? '';
  const treatments = Math.max(1, variants.length - 1);
  const alpha = limits.alpha / treatments;
  const analyzed: VariantAnalysis[] = variants.map((v) => {
    const isControl = v.id === controlId;
    const rate = v.exposures > 0 ? v.conversions / v.exposures : 0;
    let vsControl: Comparison | null = null;
    if (!isControl && control !== undefined) {
      const c = control;
      const test = twoProportionZTest(v.conversions, v.exposures, c.conversions, c.exposures);
      const ratio = ratioInterval(v.conversions, v.exposures, c.conversions, c.exposures);
      const controlRate = c.exposures > 0 ? c.conversions / c.exposures : 0;
      vsControl = {
        absoluteLift: rate - controlRate,
        absoluteLiftInterval: differenceInterval(v.conversions, v.exposures, c.conversions, c.exposures),
        relativeLift: controlRate > 0 ? rate / controlRate - 1 : null,
        relativeLiftInterval: ratio === null ? null : { lower: ratio.lower - 1, upper: ratio.upper - 1 },
        z: test.z,
        pValue: test.pValue,
        significant: test.pValue < alpha,
        probabilityToBeatControl: probabilityToBeat(c.conversions, c.exposures, v.conversions, v.exposures),
      };
    }
    return { ...v, isControl, rate, rateInterval: wilsonInterval(v.conversions, v.exposures), vsControl };
  });
  const srm = sampleRatioMismatch(
    variants.map((v) => v.exposures),
    variants.map((v) => v.weight),
    limits.srmAlpha,
  );
  return {
    id: counts.id ?? null,
    control: controlId,
    variants: analyzed,
    srm,
    verdict: verdictOf(analyzed, srm, limits, alpha),
    thresholds: limits,
  };
}

function verdictOf(
  variants: VariantAnalysis[],
  srm: SampleRatioMismatch,
  limits: VerdictThresholds,
  alpha: number,
): Verdict {
  if (variants.length < 2) {
    return { kind: 'insufficient_data', winner: null, message: 'An experiment needs at least two variants.' };
  }
  if (srm.mismatch) {
    const split = variants.map(
      (v, i) => `${v.id} ${v.exposures} (expected ${Math.round(srm.expected[i] ?? 0)})`,
    );
    return {
      kind: 'sample_ratio_mismatch',
      winner: null,
      message: `Sample ratio mismatch: ${split.join(', ')}, p = ${formatP(srm.pValue)}. Assignment or exposure logging is broken; fix it before reading these results.`,
    };
  }
  const short = variants.filter(
    (v) => v.exposures < limits.minExposures || v.conversions < limits.minConversions,
  );
  if (short.length > 0) {
    const list = short.map((v) => `${v.id} has ${v.exposures} exposures and ${v.conversions} conversions`);
    return {
      kind: 'insufficient_data',
      winner: null,
      message: `Too little data to call it: ${list.join('; ')}. Keep it running until every variant has at least ${limits.minExposures} exposures and ${limits.minConversions} conversions.`,
    };
  }
  const compared = variants.filter((v) => v.vsControl !== null) as Array<
    VariantAnalysis & { vsControl: Comparison }
  >;
  const better = compared.filter((v) => v.vsControl.significant && v.vsControl.absoluteLift > 0);
  const control = variants.find((v) => v.isControl)!;
  if (better.length > 0) {
    const best = better.reduce((a, b) => (b.rate > a.rate ? b : a));
    const lift = best.vsControl.absoluteLiftInterval;
    return {
      kind: 'winner',
      winner: best.id,
      message: `${best.id} wins: ${percent(best.rate)} vs ${percent(control.rate)} for ${control.id} (${points(best.vsControl.absoluteLift)}, 95% CI ${points(lift.lower)} to ${points(lift.upper)}; p = ${formatP(best.vsControl.pValue)}).`,
    };
  }
  if (compared.length > 0 && compared.every((v) => v.vsControl.significant && v.vsControl.absoluteLift < 0)) {
    return {
      kind: 'control_better',
      winner: control.id,
      message: `Keep ${control.id}: every variant converts significantly worse (${compared.map((v) => `${v.id} ${percent(v.rate)}`).join(', ')} vs ${percent(control.rate)}).`,
    };
  }
  const closest = compared.reduce((a, b) => (b.vsControl.pValue < a.vsControl.pValue ? b : a));
  const lift = closest.vsControl.absoluteLiftInterval;
  return {
    kind: 'no_significant_difference',
    winner: null,
    message: `No significant difference yet (${closest.id} vs ${control.id}: ${points(closest.vsControl.absoluteLift)}, 95% CI ${points(lift.lower)} to ${points(lift.upper)}, p = ${formatP(closest.vsControl.pValue)}, significance level ${alpha.toPrecision(2)}).`,
  };
}
