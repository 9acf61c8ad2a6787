import type { HeadroomConfig } from '@headroom/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type AdminExperiments,
  analyzeExperiment,
  type BacktestRecord,
  type BacktestReport,
  type BacktestTriggerFigures,
  backtest,
  type CalibrationVerdict,
  type Expansion,
  type ExperimentAnalysis,
  type ExperimentCounts,
  experimentCounts,
  type InferenceMethod,
  InvalidExperimentCountsError,
  planSampleSize,
  type VerdictKind,
} from './index.ts';

describe('public types', () => {
  it('analyzeExperiment takes the admin API experiment shape directly', () => {
    const fromApi = {} as AdminExperiments['experiments'][number];
    expectTypeOf(analyzeExperiment(fromApi)).toEqualTypeOf<ExperimentAnalysis>();
    expectTypeOf(experimentCounts).returns.items.toMatchTypeOf<ExperimentCounts>();
  });

  it('names every verdict and keeps comparisons nullable for the control', () => {
    expectTypeOf<VerdictKind>().toEqualTypeOf<
      | 'winner'
      | 'control_better'
      | 'no_significant_difference'
      | 'insufficient_data'
      | 'sample_ratio_mismatch'
    >();
    const analysis = analyzeExperiment({ variants: [] });
    expectTypeOf(analysis.variants[0]!.vsControl).toBeNullable();
    expectTypeOf(analysis.verdict.winner).toEqualTypeOf<string | null>();
  });

  it('backtest streams sync or async records and resolves to a report', () => {
    const config = {} as HeadroomConfig;
    const expansions: Expansion[] = [];
    expectTypeOf(
      backtest(config, [] as BacktestRecord[], expansions),
    ).resolves.toEqualTypeOf<BacktestReport>();
    async function* stream(): AsyncGenerator<BacktestRecord> {}
    expectTypeOf(backtest(config, stream(), expansions)).resolves.toEqualTypeOf<BacktestReport>();
    // @ts-expect-error variants need exposure and conversion counts
    analyzeExperiment({ variants: [{ id: 'control' }] });
    // @ts-expect-error an expansion needs a time
    backtest(config, [], [{ accountId: 'a' }]);
    // @ts-expect-error quietDays is a number of days
    backtest(config, [], [], { quietDays: '30' });
  });

  it('names every backtest verdict, the same on the engine and the admin API', () => {
    expectTypeOf<CalibrationVerdict>().toEqualTypeOf<
      'automate' | 'tune_threshold' | 'do_not_automate' | 'inconclusive' | 'insufficient_data'
    >();
    expectTypeOf<BacktestTriggerFigures['verdict']>().toEqualTypeOf<CalibrationVerdict>();
    expectTypeOf<BacktestReport['triggers'][number]['intervals']['falsePositiveRate']>().toEqualTypeOf<{
      lower: number;
      upper: number;
    } | null>();
  });

  it('takes analysis options, and names the method and the refusal', () => {
    expectTypeOf<InferenceMethod>().toEqualTypeOf<'sequential' | 'fixed_horizon'>();
    const analysis = analyzeExperiment(
      { variants: [] },
      { method: 'fixed_horizon', plannedExposuresPerVariant: 100 },
    );
    expectTypeOf(analysis.verdict.provisional).toEqualTypeOf<boolean>();
    expectTypeOf(analysis.variants[0]!.vsControl!.decisionInterval).toEqualTypeOf<{
      lower: number;
      upper: number;
    }>();
    expectTypeOf(new InvalidExperimentCountsError(null, []).issues).toEqualTypeOf<
      readonly { path: string; message: string }[]
    >();
    expectTypeOf(planSampleSize).returns.toHaveProperty('exposuresPerVariant');
    // @ts-expect-error the method is one of two names
    analyzeExperiment({ variants: [] }, { method: 'bayesian' });
  });
});
