import type { CalibrationBands, TriggerBacktest } from './backtest-types.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Judges one trigger's backtest against the playbook bands. */
export function calibrate(
  t: Omit<TriggerBacktest, 'calibration'>,
  expansions: number,
  bands: CalibrationBands,
): TriggerBacktest['calibration'] {
  const band = t.fireRate < bands.minFireRate ? 'below' : t.fireRate > bands.maxFireRate ? 'above' : 'within';
  const worthAutomating =
    t.precededShare >= bands.minPrecededShare &&
    t.falsePositiveRate !== null &&
    t.falsePositiveRate < bands.maxFalsePositiveRate;
  const range = `${pct(bands.minFireRate)}–${pct(bands.maxFireRate)}`;
  const facts = `fires on ${pct(t.fireRate)} of eligible accounts per quarter (band ${range}), preceded ${pct(t.precededShare)} of expansions${t.medianLeadDays === null ? '' : ` (median lead ${Math.round(t.medianLeadDays)} days)`}, ${t.falsePositiveRate === null ? 'no judged fires' : `${pct(t.falsePositiveRate)} false positives`}`;
  if (expansions < bands.minExpansions || t.fires + t.censored === 0) {
    return {
      band,
      worthAutomating: false,
      verdict: 'insufficient_data',
      message: `Not enough history to judge (${expansions} expansions, ${t.fires} judged fires): ${facts}.`,
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
  const reasons: string[] = [];
  if (t.precededShare < bands.minPrecededShare)
    reasons.push(`it preceded fewer than ${pct(bands.minPrecededShare)} of expansions`);
  if (t.falsePositiveRate === null || t.falsePositiveRate >= bands.maxFalsePositiveRate) {
    reasons.push(
      `${t.falsePositiveRate === null ? 'none' : pct(t.falsePositiveRate)} of its fires saw no expansion`,
    );
  }
  const why = reasons.join(' and ');
  return {
    band,
    worthAutomating,
    verdict: 'do_not_automate',
    message: `Don't automate yet — ${why}: ${facts}.`,
  };
}
