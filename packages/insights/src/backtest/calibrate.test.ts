// The verdict reads the evidence bars (preceded share, false positives) off their 95 % Wilson
// intervals and the fire-rate band off the point estimate. Intervals computed by
// hand (z = 1.959964; see backtest-definitions.test.ts for the formula):
//   75/176 → [0.355423, 0.500005]   95/176 → [0.466074, 0.611772]   10/93 → [0.059463, 0.186728]
//   150/1500 → [0.085825, 0.116219]   60/100 → [0.502003, 0.690599]   30/100 → [0.218949, 0.395849]
//   50/200 → [0.195082, 0.314341]   31/200 → [0.111396, 0.211607]   45/93 → [0.384977, 0.584045]
//   1500 in the tests below: 150/1500 → [0.085825, 0.116219]
import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../stats/wilson-interval.ts';
import { DEFAULT_BANDS } from './backtest.ts';
import type { TriggerBacktest } from './backtest-types.ts';
import { calibrate } from './calibrate.ts';

interface Counts {
  fired: number;
  eligible: number;
  preceded: number;
  expansions: number;
  falsePositives: number;
  fires: number;
}

function figures({ fired, eligible, preceded, expansions, falsePositives, fires }: Counts) {
  const t: Omit<TriggerBacktest, 'calibration'> = {
    id: 'usage_ceiling',
    kind: 'meter_ratio',
    quarters: [],
    fireRate: fired / eligible,
    preceded,
    notPreceded: expansions - preceded,
    precededShare: preceded / expansions,
    medianLeadDays: 20,
    fires,
    falsePositives,
    falsePositiveRate: falsePositives / fires,
    censored: 0,
    intervals: {
      fireRate: wilsonInterval(fired, eligible),
      precededShare: wilsonInterval(preceded, expansions),
      falsePositiveRate: wilsonInterval(falsePositives, fires),
    },
  };
  return calibrate(t, expansions, DEFAULT_BANDS);
}

// In band (10 %, interval 8.6–11.6 %), 10.8 % false positives (interval 5.9–18.7 %).
const good = { fired: 150, eligible: 1500, falsePositives: 10, fires: 93 };

describe('calibrate', () => {
  it('automates only when every interval clears its bar', () => {
    const verdict = figures({ ...good, preceded: 95, expansions: 176 });
    expect(verdict).toMatchObject({ verdict: 'automate', worthAutomating: true, band: 'within' });
    expect(verdict.message).toContain('95 of 176, 95% CI 46.6%–61.2%');
  });

  it('is inconclusive when the preceded share is above 40 % but its interval is not', () => {
    // 75 of 176 is 42.6 %: the point estimate clears the bar, the interval (35.5–50.0 %) does not.
    const verdict = figures({ ...good, preceded: 75, expansions: 176 });
    expect(verdict).toMatchObject({ verdict: 'inconclusive', worthAutomating: false });
    expect(verdict.message).toMatch(/^Inconclusive — .*whether it precedes 40\.0% of expansions/);
  });

  it('is inconclusive when the false-positive interval straddles 50 %', () => {
    // 45 of 93 is 48.4 %, interval 38.5–58.4 %.
    const verdict = figures({ ...good, preceded: 95, expansions: 176, falsePositives: 45, fires: 93 });
    expect(verdict.verdict).toBe('inconclusive');
    expect(verdict.message).toContain('fewer than 50.0% of its fire episodes go without an expansion');
  });

  it('does not automate when an interval lies wholly on the wrong side of its bar', () => {
    // 30 of 100 preceded: even the upper bound (39.6 %) is under 40 %.
    expect(figures({ ...good, preceded: 30, expansions: 100 }).verdict).toBe('do_not_automate');
    // 60 of 100 fire episodes without an expansion: even the lower bound (50.2 %) is over 50 %.
    expect(figures({ ...good, preceded: 95, expansions: 176, falsePositives: 60, fires: 100 }).verdict).toBe(
      'do_not_automate',
    );
  });

  it('reads the fire-rate band off the point estimate, showing its interval', () => {
    // 25 % of 200: above the band.
    const above = figures({ ...good, fired: 50, eligible: 200, preceded: 95, expansions: 176 });
    expect(above).toMatchObject({ verdict: 'tune_threshold', band: 'above' });
    expect(above.message).toContain('raise the threshold');
    expect(above.message).toContain('25.0% of eligible accounts per quarter (95% CI 19.5%–31.4%');
    // 15.5 % of 200 (11.1–21.2 %) is above the band, though its interval crosses the edge.
    const edge = figures({ ...good, fired: 31, eligible: 200, preceded: 95, expansions: 176 });
    expect(edge).toMatchObject({ verdict: 'tune_threshold', band: 'above' });
  });
});
