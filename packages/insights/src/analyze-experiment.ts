import { experimentVerdict } from './experiment-verdict.ts';
import {
  type ConfidenceSequence,
  differenceConfidenceSequence,
} from './stats/difference-confidence-sequence.ts';
import { differenceInterval } from './stats/difference-interval.ts';
import { normalQuantile } from './stats/normal-quantile.ts';
import { probabilityToBeat } from './stats/probability-to-beat.ts';
import { ratioInterval } from './stats/ratio-interval.ts';
import { type SampleRatioMismatch, sampleRatioMismatch } from './stats/sample-ratio-mismatch.ts';
import { twoProportionZTest } from './stats/two-proportion-z-test.ts';
import { type Interval, wilsonInterval } from './stats/wilson-interval.ts';
import { validateExperimentCounts } from './validate-experiment-counts.ts';

/** Raw counts of one variant, as `GET /v1/admin/experiments` returns them. */
export interface VariantCounts {
  id: string;
  /**
   * Configured traffic weight; equal weights are assumed when every variant omits it. Weight 0
   * marks a retired variant (removed from the config): listed, never analyzed.
   */
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
  /** Variant to compare against. @default the variant named `control`, else the first live one. */
  control?: string;
}

/** Treatment versus control. */
export interface Comparison {
  /** p_variant − p_control. */
  absoluteLift: number;
  /** 95 % Newcombe hybrid score interval for the absolute lift (fixed-horizon, unadjusted). */
  absoluteLiftInterval: Interval;
  /** p_variant / p_control − 1; `null` when the control has no conversions. */
  relativeLift: number | null;
  /** 95 % interval for the relative lift (log-ratio delta method, fixed-horizon, unadjusted); `null` when either arm has 0 conversions. */
  relativeLiftInterval: Interval | null;
  z: number;
  /** Two-sided two-proportion z-test p-value (fixed-horizon: valid for one read at a planned size). */
  pValue: number;
  /**
   * Always-valid confidence sequence for the absolute lift at the adjusted level
   * (`decisionLevel`), with its always-valid p-value: valid however often it is read.
   */
  sequential: ConfidenceSequence;
  /**
   * The interval the verdict reads, at `decisionLevel` (1 − alpha / comparisons): the
   * always-valid one (method `sequential`) or the Newcombe interval (method `fixed_horizon`).
   */
  decisionInterval: Interval;
  /** `decisionInterval` excludes 0. */
  significant: boolean;
  /** Posterior P(p_variant > p_control) under Beta(1, 1) priors (exact). */
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
  /**
   * True for a fixed-horizon read before every variant reached the planned exposures: the
   * error rates only hold at the plan, so the call may still flip.
   */
  provisional: boolean;
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

/**
 * How the verdict is decided. `sequential`: always-valid confidence sequences, safe to read
 * continuously. `fixed_horizon`: z-test / Newcombe interval, valid for one read at a planned
 * sample size, and labelled provisional before it.
 */
export type InferenceMethod = 'sequential' | 'fixed_horizon';

/** Options of {@link analyzeExperiment}: the thresholds plus how to decide. */
export interface AnalysisOptions extends Partial<VerdictThresholds> {
  /** @default 'sequential' */
  method?: InferenceMethod;
  /**
   * Exposures per variant the experiment was planned for (see `planSampleSize`). A fixed-horizon
   * verdict is provisional until every live variant has them; the sequential test is tuned to
   * be tightest there.
   */
  plannedExposuresPerVariant?: number;
  /**
   * Exposures of a variant pair at which the always-valid interval is tightest; fix it before the
   * data. @default 2 × `plannedExposuresPerVariant`, else 5000
   */
  sequentialTuningExposures?: number;
}

/** Progress against the planned sample size. */
export interface PlanProgress {
  exposuresPerVariant: number;
  /** Smallest live variant's exposures ÷ the plan (capped at 1). */
  progress: number;
  reached: boolean;
}

export interface ExperimentAnalysis {
  id: string | null;
  control: string;
  /** Live variants (weight > 0), analyzed. */
  variants: VariantAnalysis[];
  /** Retired variants (weight 0): their units keep their first exposure, but they are not compared nor in the SRM check. */
  retired: Array<Required<Pick<VariantCounts, 'id' | 'weight' | 'exposures' | 'conversions'>>>;
  srm: SampleRatioMismatch;
  method: InferenceMethod;
  /** Confidence of each `decisionInterval`: 1 − alpha / comparisons. */
  decisionLevel: number;
  plan: PlanProgress | null;
  verdict: Verdict;
  thresholds: VerdictThresholds;
}

export const DEFAULT_THRESHOLDS: VerdictThresholds = {
  minExposures: 100,
  minConversions: 10,
  alpha: 0.05,
  srmAlpha: 0.001,
};

/**
 * Analyzes an A/B(/n) test from raw counts: Wilson intervals per variant, absolute and relative
 * lift against control, an always-valid (sequential) interval and p-value, the fixed-horizon
 * z-test, exact Bayesian probability to beat control, a sample-ratio-mismatch check over the
 * live variants and a plain-language verdict that refuses to call a winner on too little data.
 * The verdict is sequential by default, so reading it every day does not inflate false calls;
 * with more than one treatment every decision interval is Bonferroni-adjusted.
 * @throws InvalidExperimentCountsError for counts no statistic should be computed from.
 * @example
 * analyzeExperiment({ variants: [
 *   { id: 'control', weight: 50, exposures: 5000, conversions: 250 },
 *   { id: 'momentum', weight: 50, exposures: 5000, conversions: 340 },
 * ] }).verdict // { kind: 'winner', winner: 'momentum', provisional: false, … }
 */
export function analyzeExperiment(
  counts: ExperimentCounts,
  options: AnalysisOptions = {},
): ExperimentAnalysis {
  validateExperimentCounts(counts);
  const limits: VerdictThresholds = {
    minExposures: options.minExposures ?? DEFAULT_THRESHOLDS.minExposures,
    minConversions: options.minConversions ?? DEFAULT_THRESHOLDS.minConversions,
    alpha: options.alpha ?? DEFAULT_THRESHOLDS.alpha,
    srmAlpha: options.srmAlpha ?? DEFAULT_THRESHOLDS.srmAlpha,
  };
  const method = options.method ?? 'sequential';
  const all = counts.variants.map((v) => ({
    id: v.id,
    weight: v.weight ?? 1,
    exposures: v.exposures,
    conversions: v.conversions,
  }));
  // A retired variant still owns its units' first exposures; comparing it, or expecting traffic
  // for it in the SRM check, would flag a perfect split of the live variants as a mismatch.
  const variants = all.filter((v) => v.weight > 0);
  const retired = all.filter((v) => v.weight === 0);
  const control =
    variants.find((v) => v.id === counts.control) ?? variants.find((v) => v.id === 'control') ?? variants[0];
  const controlId = control?.id ?? '';
  const comparisons = Math.max(1, variants.length - 1);
  const alpha = limits.alpha / comparisons;
  const planned = options.plannedExposuresPerVariant;
  if (planned !== undefined && !(Number.isFinite(planned) && planned > 0))
    throw new RangeError('plannedExposuresPerVariant must be a positive number');
  const tuningExposures = options.sequentialTuningExposures ?? (planned !== undefined ? 2 * planned : 5000);
  const zDecision = normalQuantile(1 - alpha / 2);

  const analyzed: VariantAnalysis[] = variants.map((v) => {
    const isControl = v.id === controlId;
    const rate = v.exposures > 0 ? v.conversions / v.exposures : 0;
    let vsControl: Comparison | null = null;
    if (!isControl && control !== undefined) {
      const c = control;
      const test = twoProportionZTest(v.conversions, v.exposures, c.conversions, c.exposures);
      const ratio = ratioInterval(v.conversions, v.exposures, c.conversions, c.exposures);
      const controlRate = c.exposures > 0 ? c.conversions / c.exposures : 0;
      const sequential = differenceConfidenceSequence(
        v.conversions,
        v.exposures,
        c.conversions,
        c.exposures,
        {
          alpha,
          tuningExposures,
        },
      );
      const decisionInterval =
        method === 'sequential'
          ? { lower: sequential.lower, upper: sequential.upper }
          : differenceInterval(v.conversions, v.exposures, c.conversions, c.exposures, zDecision);
      vsControl = {
        absoluteLift: rate - controlRate,
        absoluteLiftInterval: differenceInterval(v.conversions, v.exposures, c.conversions, c.exposures),
        relativeLift: controlRate > 0 ? rate / controlRate - 1 : null,
        relativeLiftInterval: ratio === null ? null : { lower: ratio.lower - 1, upper: ratio.upper - 1 },
        z: test.z,
        pValue: test.pValue,
        sequential,
        decisionInterval,
        significant: decisionInterval.lower > 0 || decisionInterval.upper < 0,
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
  const fewest = variants.length === 0 ? 0 : Math.min(...variants.map((v) => v.exposures));
  const plan: PlanProgress | null =
    planned === undefined
      ? null
      : { exposuresPerVariant: planned, progress: Math.min(1, fewest / planned), reached: fewest >= planned };
  const decisionLevel = 1 - alpha;
  return {
    id: counts.id ?? null,
    control: controlId,
    variants: analyzed,
    retired,
    srm,
    method,
    decisionLevel,
    plan,
    verdict: experimentVerdict({ variants: analyzed, srm, limits, method, decisionLevel, comparisons, plan }),
    thresholds: limits,
  };
}
