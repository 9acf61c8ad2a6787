import { describe, expect, it } from 'vitest';
import { holdoutLift } from './holdout-lift.ts';

const none = { amount: 0, amountSquares: 0 };

describe('holdoutLift', () => {
  it("reads a lift from Newcombe's published example (56/70 vs 48/80)", () => {
    // Newcombe (1998), Statistics in Medicine 17:873–890, Table II example (a), method 10:
    // difference 0.2, 95 % interval 0.0524 to 0.3339.
    const lift = holdoutLift(
      { accounts: 70, expanded: 56, ...none },
      { accounts: 80, expanded: 48, ...none },
    );
    expect(lift.incrementalRate).toBeCloseTo(0.2, 12);
    expect(lift.incrementalRateInterval.lower).toBeCloseTo(0.0524, 4);
    expect(lift.incrementalRateInterval.upper).toBeCloseTo(0.3339, 4);
    expect(lift.verdict).toBe('lift');
    // Each arm's Wilson interval, computed by hand from the score formula.
    expect(lift.exposed.rateInterval.lower).toBeCloseTo(0.6918335550374693, 12);
    expect(lift.heldOut.rateInterval.upper).toBeCloseTo(0.7003817240412905, 12);
  });

  it('gives the amount per account with a Welch interval', () => {
    // Exposed: 25 accounts, upgrades of 1,000…5,000 (sum 15,000, squares 55,000,000);
    // held out: 20 accounts, upgrades of 1,000 and 3,000. By hand: means 600 and 200,
    // variances 46e6 / 24 and 9.2e6 / 19, SE 317.6117, interval 400 ± 1.96 SE.
    const lift = holdoutLift(
      { accounts: 25, expanded: 5, amount: 15_000, amountSquares: 55_000_000 },
      { accounts: 20, expanded: 2, amount: 4_000, amountSquares: 10_000_000 },
    );
    expect(lift.exposed.amountPerAccount).toBe(600);
    expect(lift.heldOut.amountPerAccount).toBe(200);
    expect(lift.incrementalAmount).toBe(400);
    expect(lift.incrementalAmountInterval.lower).toBeCloseTo(-222.50749617118652, 8);
    expect(lift.incrementalAmountInterval.upper).toBeCloseTo(1022.5074961711865, 8);
    // 20 % vs 10 %: the rate's interval spans zero at these counts.
    expect(lift.verdict).toBe('no_detectable_lift');
  });

  it('calls harm when the held-out accounts expand more', () => {
    const lift = holdoutLift(
      { accounts: 80, expanded: 48, ...none },
      { accounts: 70, expanded: 56, ...none },
    );
    expect(lift.incrementalRateInterval.upper).toBeLessThan(0);
    expect(lift.verdict).toBe('harm');
  });

  it('gives no verdict under 20 accounts in an arm, but still the figures', () => {
    const lift = holdoutLift(
      { accounts: 300, expanded: 90, ...none },
      { accounts: 19, expanded: 0, ...none },
    );
    expect(lift.verdict).toBe('too_few');
    expect(lift.incrementalRate).toBeCloseTo(0.3, 12);
    const empty = holdoutLift(
      { accounts: 300, expanded: 90, ...none },
      { accounts: 0, expanded: 0, ...none },
    );
    expect(empty.verdict).toBe('too_few');
    expect(empty.heldOut.rateInterval).toEqual({ lower: 0, upper: 1 });
    expect(empty.incrementalAmountInterval.lower).toBe(-Infinity);
  });

  it('refuses counts that cannot be', () => {
    expect(() =>
      holdoutLift({ accounts: 10, expanded: 11, ...none }, { accounts: 10, expanded: 1, ...none }),
    ).toThrow(/holdout exposed: expanded \(11\) and accounts \(10\)/);
    expect(() =>
      holdoutLift({ accounts: 10, expanded: 1, ...none }, { accounts: 2.5, expanded: 1, ...none }),
    ).toThrow(RangeError);
    expect(() =>
      holdoutLift(
        { accounts: 10, expanded: 1, amount: Number.NaN, amountSquares: 0 },
        { accounts: 10, expanded: 1, ...none },
      ),
    ).toThrow(/amounts must be finite/);
  });
});
