export {
  analyzeExperiment,
  type Comparison,
  DEFAULT_THRESHOLDS,
  type ExperimentAnalysis,
  type ExperimentCounts,
  type VariantAnalysis,
  type VariantCounts,
  type Verdict,
  type VerdictKind,
  type VerdictThresholds,
} from './analyze-experiment.ts';
export { experimentCounts } from './experiment-counts.ts';
export { differenceInterval } from './stats/difference-interval.ts';
export { chiSquarePValue } from './stats/gamma.ts';
export { normalCdf, normalTail, Z_95 } from './stats/normal-tail.ts';
export { probabilityToBeat } from './stats/probability-to-beat.ts';
export { ratioInterval } from './stats/ratio-interval.ts';
export { type SampleRatioMismatch, sampleRatioMismatch } from './stats/sample-ratio-mismatch.ts';
export { type TwoProportionZTest, twoProportionZTest } from './stats/two-proportion-z-test.ts';
export { type Interval, wilsonInterval } from './stats/wilson-interval.ts';
export type { StoredEvent } from './stored-event.ts';
