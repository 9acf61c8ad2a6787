// Peeking simulations (#19): experiments read every day for 30 days, as the console and
// `headroom report` invite. Seeded, so every run of the suite sees the same numbers.
import { describe, expect, it } from 'vitest';
import { analyzeExperiment } from './analyze-experiment.ts';
import { type SeededRandom, seededRandom } from './sample/seeded-random.ts';
import { wilsonInterval } from './stats/wilson-interval.ts';

interface Arm {
  rate: number;
  perDay: number;
}

interface Outcome {
  /** Runs in which the default (sequential) verdict ever named a winner. */
  sequentialWinner: number;
  /** … or ever said "keep control". */
  sequentialAnyCall: number;
  /** Runs in which the pre-#19 rule (fixed-horizon z-test, p < alpha / comparisons, read daily) ever called it. */
  peekingAnyCall: number;
  /** Runs whose sequential winner was the truly better arm. */
  rightWinner: number;
}

const binomial = (random: SeededRandom, n: number, p: number) => {
  let k = 0;
  for (let i = 0; i < n; i++) if (random.next() < p) k++;
  return k;
};

function simulate(arms: readonly Arm[], runs: number, seed: number, days = 30): Outcome {
  const random = seededRandom(seed);
  const best = arms.reduce((b, arm, i) => (arm.rate > arms[b]!.rate ? i : b), 0);
  const outcome: Outcome = { sequentialWinner: 0, sequentialAnyCall: 0, peekingAnyCall: 0, rightWinner: 0 };
  for (let run = 0; run < runs; run++) {
    const exposures = arms.map(() => 0);
    const conversions = arms.map(() => 0);
    let winner: string | null = null;
    let called = false;
    let peekingCalled = false;
    for (let day = 0; day < days; day++) {
      arms.forEach((arm, i) => {
        exposures[i]! += arm.perDay;
        conversions[i]! += binomial(random, arm.perDay, arm.rate);
      });
      const analysis = analyzeExperiment({
        variants: arms.map((_, i) => ({
          id: i === 0 ? 'control' : `v${i}`,
          weight: 1,
          exposures: exposures[i]!,
          conversions: conversions[i]!,
        })),
      });
      const { kind } = analysis.verdict;
      if (kind === 'winner') winner ??= analysis.verdict.winner;
      if (kind === 'winner' || kind === 'control_better') called = true;
      // The rule the console applied before: same minimums, then a z-test at alpha / comparisons.
      const enough = analysis.variants.every((v) => v.exposures >= 100 && v.conversions >= 10);
      const comparisons = arms.length - 1;
      if (
        enough &&
        analysis.variants.some((v) => v.vsControl !== null && v.vsControl.pValue < 0.05 / comparisons)
      )
        peekingCalled = true;
    }
    if (winner !== null) outcome.sequentialWinner++;
    if (winner === (best === 0 ? 'control' : `v${best}`)) outcome.rightWinner++;
    if (called) outcome.sequentialAnyCall++;
    if (peekingCalled) outcome.peekingAnyCall++;
  }
  return outcome;
}

// The guarantee has to hold for the true rate, not just the sample: the upper end of the
// 95 % Wilson interval of the observed rate must stay at or below the nominal level.
const upperBound = (events: number, runs: number) => wilsonInterval(events, runs).upper;

describe('daily reads for 30 days (A/A: no true difference)', () => {
  it('two arms, 50 exposures per arm per day at 5 %: false calls ≤ 5 %, false winners ≤ 2.5 %', () => {
    const runs = 1000;
    const result = simulate(
      [
        { rate: 0.05, perDay: 50 },
        { rate: 0.05, perDay: 50 },
      ],
      runs,
      19,
    );
    expect(upperBound(result.sequentialAnyCall, runs)).toBeLessThanOrEqual(0.05);
    expect(upperBound(result.sequentialWinner, runs)).toBeLessThanOrEqual(0.025);
    // The same runs read with the fixed-horizon test: the inflation the issue measured.
    expect(result.peekingAnyCall / runs).toBeGreaterThan(0.15);
  });

  it('three arms (two treatments), 100 per arm per day at 10 %: false calls ≤ 5 % family-wise', () => {
    const runs = 400;
    const arm = { rate: 0.1, perDay: 100 };
    const result = simulate([arm, arm, arm], runs, 1919);
    expect(upperBound(result.sequentialAnyCall, runs)).toBeLessThanOrEqual(0.05);
    expect(result.peekingAnyCall / runs).toBeGreaterThan(0.1);
  });
});

describe('daily reads for 30 days (A/B: a real lift)', () => {
  it('finds 5 % → 6.5 % at 200 per arm per day in most runs, and never names the wrong arm', () => {
    const runs = 300;
    const result = simulate(
      [
        { rate: 0.05, perDay: 200 },
        { rate: 0.065, perDay: 200 },
      ],
      runs,
      7,
    );
    expect(result.rightWinner).toBe(result.sequentialWinner);
    expect(result.sequentialWinner / runs).toBeGreaterThan(0.6);
  });
});
