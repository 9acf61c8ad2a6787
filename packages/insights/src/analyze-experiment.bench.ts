import { bench, describe } from 'vitest';
import { analyzeExperiment } from './analyze-experiment.ts';
import { probabilityToBeat } from './stats/probability-to-beat.ts';

describe('analyzeExperiment', () => {
  const counts = {
    variants: [
      { id: 'control', weight: 50, exposures: 12_000, conversions: 610 },
      { id: 'momentum', weight: 50, exposures: 12_100, conversions: 702 },
    ],
  };
  bench('two variants, 12k exposures each', () => {
    analyzeExperiment(counts);
  });
  bench('probability to beat control, 50k conversions (exact sum)', () => {
    probabilityToBeat(50_000, 1_000_000, 51_000, 1_000_000);
  });
});
