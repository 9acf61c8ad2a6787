export {
  type AdminBacktest,
  type AdminConfig,
  type AdminError,
  type AdminExpansion,
  type AdminExperiments,
  type AdminFunnel,
  type AdminHandoffs,
  type AdminHoldouts,
  type AdminImpact,
  type AdminPqls,
  adminConfigSchema,
  adminErrorSchema,
  adminExpansionSchema,
  adminExperimentsSchema,
  adminFunnelSchema,
  adminHandoffsSchema,
  adminHoldoutsSchema,
  adminImpactSchema,
  adminPqlsSchema,
  type BacktestLine,
  type BacktestTriggerFigures,
  backtestLineSchema,
  type ExpansionSlice,
  FUNNEL_STEPS,
  type FunnelRow,
  funnelDropOff,
  readBacktestStream,
  triggerFigures,
} from './admin-api.ts';
export {
  type AnalysisOptions,
  analyzeExperiment,
  type Comparison,
  DEFAULT_THRESHOLDS,
  type ExperimentAnalysis,
  type ExperimentCounts,
  type InferenceMethod,
  type PlanProgress,
  type VariantAnalysis,
  type VariantCounts,
  type Verdict,
  type VerdictKind,
  type VerdictThresholds,
} from './analyze-experiment.ts';
export { backtest, DEFAULT_BANDS, DEFAULT_QUIET_DAYS } from './backtest/backtest.ts';
export type {
  AccountRecord,
  BacktestOptions,
  BacktestRecord,
  BacktestReport,
  CalibrationBands,
  CalibrationVerdict,
  Expansion,
  QuarterRate,
  TriggerBacktest,
} from './backtest/backtest-types.ts';
export { mergeByTime } from './backtest/merge-by-time.ts';
export { expansionCsv } from './expansion/expansion-csv.ts';
export { EXPANSION_DEFINITIONS } from './expansion/expansion-definitions.ts';
export {
  EXPANSION_REFERENCES,
  type ExpansionFormula,
  type ExpansionMetrics,
  type ExpansionSliceMetrics,
  type ExpansionTriggerMetrics,
  expansionFormula,
  expansionMetrics,
  type FormulaTerm,
  type FormulaTermName,
  MONTH_DAYS,
  SEGMENTS,
  type Segment,
  sliceMetrics,
} from './expansion/expansion-metrics.ts';
export {
  type ExpansionRedFlag,
  expansionRedFlags,
  RED_FLAG_THRESHOLDS,
  type RedFlagId,
} from './expansion/expansion-red-flags.ts';
export { experimentCounts } from './experiment-counts.ts';
export {
  type HoldoutArm,
  type HoldoutArmCounts,
  type HoldoutLift,
  type HoldoutVerdict,
  holdoutLift,
  MIN_HOLDOUT_ARM,
} from './holdout-lift.ts';
export { type CountsIssue, InvalidExperimentCountsError } from './invalid-experiment-counts-error.ts';
export {
  type Archetype,
  generateSample,
  type Sample,
  type SampleAccount,
  type SampleOptions,
} from './sample/generate-sample.ts';
export {
  type ConfidenceSequence,
  type ConfidenceSequenceOptions,
  differenceConfidenceSequence,
  optimalMixingRatio,
} from './stats/difference-confidence-sequence.ts';
export { differenceInterval } from './stats/difference-interval.ts';
export { chiSquarePValue } from './stats/gamma.ts';
export { normalQuantile } from './stats/normal-quantile.ts';
export { normalCdf, normalTail, Z_95 } from './stats/normal-tail.ts';
export { planSampleSize, type SampleSizeInput, type SampleSizePlan } from './stats/plan-sample-size.ts';
export { probabilityToBeat } from './stats/probability-to-beat.ts';
export { ratioInterval } from './stats/ratio-interval.ts';
export { type SampleRatioMismatch, sampleRatioMismatch } from './stats/sample-ratio-mismatch.ts';
export { type TwoProportionZTest, twoProportionZTest } from './stats/two-proportion-z-test.ts';
export { type Interval, wilsonInterval } from './stats/wilson-interval.ts';
export type { StoredEvent } from './stored-event.ts';
export { validateExperimentCounts } from './validate-experiment-counts.ts';
