import { differenceInterval } from './stats/difference-interval.ts';
import { Z_95 } from './stats/normal-tail.ts';
import { type Interval, wilsonInterval } from './stats/wilson-interval.ts';

/** What one arm of a trigger's holdout counted: eligible accounts whose episode was judged. */
export interface HoldoutArmCounts {
  /** Accounts judged (their first fire in the window is at least the outcome window old). */
  accounts: number;
  /** Of those, accounts with a server-reported upgrade within the outcome window after the fire. */
  expanded: number;
  /** Sum of those upgrades' amounts. */
  amount: number;
  /** Sum of their squares (for the spread of the amount per account). */
  amountSquares: number;
}

export interface HoldoutArm extends HoldoutArmCounts {
  /** expanded ÷ accounts, with its Wilson 95 % interval. */
  rate: number;
  rateInterval: Interval;
  /** Mean upgrade amount per judged account (0 for accounts that did not expand). */
  amountPerAccount: number;
}

/** Whether the trigger's prompt adds expansions, read from the difference's 95 % interval. */
export type HoldoutVerdict = 'lift' | 'no_detectable_lift' | 'harm' | 'too_few';

export interface HoldoutLift {
  exposed: HoldoutArm;
  heldOut: HoldoutArm;
  /**
   * Incremental expansion rate, exposed − held out, with Newcombe's hybrid score 95 % interval
   * (exact-coverage behaviour at small counts; a fixed-horizon read, not a sequential one).
   */
  incrementalRate: number;
  incrementalRateInterval: Interval;
  /**
   * Incremental expansion amount per account, exposed − held out, with a normal-approximation
   * 95 % interval on Welch's standard error (good from a few dozen accounts per arm).
   */
  incrementalAmount: number;
  incrementalAmountInterval: Interval;
  verdict: HoldoutVerdict;
}

/** Fewer judged accounts than this in either arm and no verdict is given. */
export const MIN_HOLDOUT_ARM = 20;

const isCount = (value: number) => Number.isInteger(value) && value >= 0;

function arm(counts: HoldoutArmCounts, name: string): HoldoutArm {
  const { accounts, expanded, amount, amountSquares } = counts;
  if (!isCount(accounts) || !isCount(expanded) || expanded > accounts)
    throw new RangeError(
      `holdout ${name}: expanded (${expanded}) and accounts (${accounts}) must be whole numbers with expanded ≤ accounts`,
    );
  if (!(amount >= 0) || !(amountSquares >= 0) || !Number.isFinite(amount) || !Number.isFinite(amountSquares))
    throw new RangeError(`holdout ${name}: amounts must be finite and ≥ 0 (got ${amount}, ${amountSquares})`);
  return {
    ...counts,
    rate: accounts > 0 ? expanded / accounts : 0,
    rateInterval: wilsonInterval(expanded, accounts),
    amountPerAccount: accounts > 0 ? amount / accounts : 0,
  };
}

// Sample variance of the amount per account from its sum and sum of squares (0 below 2 accounts).
function variance({ accounts, amount, amountSquares }: HoldoutArmCounts): number {
  if (accounts < 2) return 0;
  const mean = amount / accounts;
  return Math.max(0, (amountSquares - accounts * mean * mean) / (accounts - 1));
}

/**
 * Does a trigger cause expansion, or only precede it? Compares eligible accounts that fired
 * and were shown the prompt with those held out of it (assigned by hash, so the two arms
 * differ only by the prompt): the incremental expansion rate and amount per account, each
 * with a 95 % interval. `lift` when the rate's interval is above zero, `harm` when below,
 * `too_few` under `MIN_HOLDOUT_ARM` accounts in an arm.
 * @example
 * holdoutLift({ accounts: 900, expanded: 117, amount: 351_000, amountSquares: 1.1e9 },
 *             { accounts: 100, expanded: 8, amount: 24_000, amountSquares: 7.2e7 })
 */
export function holdoutLift(exposed: HoldoutArmCounts, heldOut: HoldoutArmCounts): HoldoutLift {
  const shown = arm(exposed, 'exposed');
  const held = arm(heldOut, 'held out');
  const incrementalAmount = shown.amountPerAccount - held.amountPerAccount;
  const se =
    shown.accounts > 0 && held.accounts > 0
      ? Math.sqrt(variance(shown) / shown.accounts + variance(held) / held.accounts)
      : Infinity;
  const incrementalRateInterval = differenceInterval(
    shown.expanded,
    shown.accounts,
    held.expanded,
    held.accounts,
  );
  const verdict: HoldoutVerdict =
    shown.accounts < MIN_HOLDOUT_ARM || held.accounts < MIN_HOLDOUT_ARM
      ? 'too_few'
      : incrementalRateInterval.lower > 0
        ? 'lift'
        : incrementalRateInterval.upper < 0
          ? 'harm'
          : 'no_detectable_lift';
  return {
    exposed: shown,
    heldOut: held,
    incrementalRate: shown.rate - held.rate,
    incrementalRateInterval,
    incrementalAmount,
    incrementalAmountInterval: { lower: incrementalAmount - Z_95 * se, upper: incrementalAmount + Z_95 * se },
    verdict,
  };
}
