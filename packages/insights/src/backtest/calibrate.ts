import type { Interval } from '../stats/wilson-interval.ts';
import type { CalibrationBands, TriggerBacktest } from './backtest-types.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const range = (i: Interval) => `95% CI ${pct(i.lower)}–${pct(i.upper)}`;

/** Where a 95 % interval lies against one bar: wholly on the good side, the bad side, or across it. */
type Reading = 'pass' | 'fail' | 'unclear';

/** At least `bar`: passes when even the lower bound reaches it, fails when even the upper bound misses. */
const atLeast = (interval: Interval, bar: number): Reading =>
  interval.lower >= bar ? 'pass' : interval.upper < bar ? 'fail' : 'unclear';
/** Below `bar`: passes when even the upper bound is under it, fails when even the lower bound reaches it. */
const below = (interval: Interval, bar: number): Reading =>
  interval.upper < bar ? 'pass' : interval.lower >= bar ? 'fail' : 'unclear';

/**
 * Judges one trigger's backtest against the playbook bands. The two evidence bars — preceded
 * share and false-positive rate — are read off their 95 % Wilson intervals, because acting on a
 * signal that is noise is the costly mistake: `do_not_automate` when either interval lies wholly
 * on the wrong side of its bar, `inconclusive` when neither does but one straddles its bar, and
 * otherwise the signal is good. The fire rate is the volume the trigger will produce, a figure to
 * plan for that a threshold change adjusts at any time, so its band is read off the point
 * estimate: a good signal is `automate` inside the band and `tune_threshold` outside it.
 * `eligibleExpansions` are the expansions it could have preceded (never-eligible ones left out).
 */
export function calibrate(
  t: Omit<TriggerBacktest, 'calibration'>,
  eligibleExpansions: number,
  bands: CalibrationBands,
): TriggerBacktest['calibration'] {
  const band = t.fireRate < bands.minFireRate ? 'below' : t.fireRate > bands.maxFireRate ? 'above' : 'within';
  const fpInterval = t.intervals.falsePositiveRate;
  const signal = atLeast(t.intervals.precededShare, bands.minPrecededShare);
  // With every episode still unjudged nothing is known yet: the whole range, as for 0 of 0.
  const precision = below(fpInterval ?? { lower: 0, upper: 1 }, bands.maxFalsePositiveRate);
  const worthAutomating = signal === 'pass' && precision === 'pass';
  const facts = `fires on ${pct(t.fireRate)} of eligible accounts per quarter (${range(t.intervals.fireRate)}; band ${pct(bands.minFireRate)}–${pct(bands.maxFireRate)}), preceded ${pct(t.precededShare)} of the expansions it could have (${t.preceded} of ${t.preceded + t.notPreceded}, ${range(t.intervals.precededShare)})${t.medianLeadDays === null ? '' : ` with a median lead of ${Math.round(t.medianLeadDays)} days`}, ${t.falsePositiveRate === null || fpInterval === null ? 'no judged fire episodes' : `${pct(t.falsePositiveRate)} of ${t.fires} fire episodes saw no expansion (${range(fpInterval)})`}`;
  if (eligibleExpansions < bands.minExpansions || t.fires + t.censored === 0) {
    return {
      band,
      worthAutomating: false,
      verdict: 'insufficient_data',
      message: `Not enough history to judge (${eligibleExpansions} expansions from eligible accounts, ${t.fires} judged fire episodes): ${facts}.`,
    };
  }
  if (signal === 'fail' || precision === 'fail') {
    const reasons: string[] = [];
    if (signal === 'fail')
      reasons.push(`it preceded fewer than ${pct(bands.minPrecededShare)} of expansions`);
    if (precision === 'fail')
      reasons.push(`at least ${pct(bands.maxFalsePositiveRate)} of its fire episodes saw no expansion`);
    return {
      band,
      worthAutomating,
      verdict: 'do_not_automate',
      message: `Don't automate — ${reasons.join(' and ')}, even at the favourable end of the 95% interval: ${facts}.`,
    };
  }
  if (worthAutomating && band === 'within') {
    return { band, worthAutomating, verdict: 'automate', message: `Automate: ${facts}.` };
  }
  if (worthAutomating) {
    const advice =
      band === 'above'
        ? 'raise the threshold so it fires less often'
        : 'lower the threshold so it reaches more accounts';
    return {
      band,
      worthAutomating,
      verdict: 'tune_threshold',
      message: `Good signal, wrong volume — ${advice}: ${facts}.`,
    };
  }
  const unclear: string[] = [];
  if (signal === 'unclear') unclear.push(`whether it precedes ${pct(bands.minPrecededShare)} of expansions`);
  if (precision === 'unclear')
    unclear.push(
      `whether fewer than ${pct(bands.maxFalsePositiveRate)} of its fire episodes go without an expansion`,
    );
  return {
    band,
    worthAutomating,
    verdict: 'inconclusive',
    message: `Inconclusive — the 95% interval cannot yet tell ${unclear.join(' or ')}; wait for more history: ${facts}.`,
  };
}
