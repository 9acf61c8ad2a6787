import type { AccountClaims } from '@headroom/core';
import type { Interval } from '../stats/wilson-interval.ts';
import type { StoredEvent } from '../stored-event.ts';

/**
 * An account's claims from a given moment on (a CRM or billing export, or `headroom sample`):
 * the backtest needs plan, segment, activation and health to run eligibility and meter limits
 * the way the live engine does.
 */
export interface AccountRecord
  extends Pick<AccountClaims, 'plan' | 'segment'>,
    Partial<Pick<AccountClaims, 'seats' | 'acv' | 'activatedAt' | 'health' | 'churnRisk'>> {
  type: 'account';
  accountId: string;
  /** From when these claims hold, ms since the epoch. */
  ts: number;
  /** Backend traits for `trait` triggers (`renewalDate`, `employees`, …). */
  renewalDate?: string;
  employees?: number;
  activeUsers?: number;
  /** Custom numeric or boolean traits, as `POST /v1/server/accounts` takes them. */
  traits?: Record<string, number | boolean>;
}

/** One input record of a backtest: a stored event or an account record. */
export type BacktestRecord = StoredEvent | AccountRecord;

/** A past expansion (an upgrade or seat purchase) of one account. */
export interface Expansion {
  accountId: string;
  /** ms since the epoch. */
  ts: number;
  plan?: string;
  amount?: number;
}

/** Playbook bands a trigger is judged against. */
export interface CalibrationBands {
  /** @default 0.05 */
  minFireRate: number;
  /** @default 0.15 */
  maxFireRate: number;
  /** @default 0.4 */
  minPrecededShare: number;
  /** @default 0.5 */
  maxFalsePositiveRate: number;
  /** Fewer expansions than this give `insufficient_data`. @default 10 */
  minExpansions: number;
}

export interface BacktestOptions {
  /** A fire up to this many days before an expansion counts as preceding it. @default 90 */
  lookbackDays?: number;
  /** A fire episode with no expansion within this many days of its first fire is a false positive. @default 90 */
  outcomeDays?: number;
  /**
   * A fire starts a new episode when the trigger had not fired on the account (while eligible)
   * for at least this many whole days before it; 0 makes every firing day an episode.
   * @default 30 — longer than a monthly meter's cycle, so a meter that climbs back over its
   * threshold after each monthly reset stays one episode; the same as the default handoff
   * cooldown (`routing.handoffCooldownDays`), so one episode is at most one outreach.
   */
  quietDays?: number;
  bands?: Partial<CalibrationBands>;
}

export interface QuarterRate extends Interval {
  /** `YYYY-Qn` (UTC calendar quarter). */
  quarter: string;
  eligibleAccounts: number;
  firedAccounts: number;
  /** `firedAccounts / eligibleAccounts`; `lower`/`upper` are its 95 % Wilson interval. */
  fireRate: number;
}

/**
 * `inconclusive`: enough history, but a 95 % interval straddles the band edge that would decide
 * the verdict — more history (or a wider window) is needed before acting on it.
 */
export type CalibrationVerdict =
  | 'automate'
  | 'tune_threshold'
  | 'do_not_automate'
  | 'inconclusive'
  | 'insufficient_data';

export interface TriggerBacktest {
  id: string;
  kind: string;
  /** Accounts it fired on among accounts eligible in each quarter. */
  quarters: QuarterRate[];
  /** Pooled over quarters: Σ fired / Σ eligible account-quarters. */
  fireRate: number;
  /** Expansions it fired before (within `lookbackDays`, while the account was eligible). */
  preceded: number;
  /** Expansions of accounts eligible in the lookback window that it did not fire before. */
  notPreceded: number;
  /** `preceded / (preceded + notPreceded)`: never-eligible expansions are not counted. */
  precededShare: number;
  /** Median days from the earliest such fire to the expansion; `null` when it preceded none. */
  medianLeadDays: number | null;
  /** Fire episodes judged: an expansion followed, or their outcome window ended inside the data. */
  fires: number;
  /** Of `fires`, those with no expansion within `outcomeDays` of their first fire. */
  falsePositives: number;
  /** `null` when there were no judged fires. */
  falsePositiveRate: number | null;
  /** Fire episodes whose outcome window runs past the end of the data: not judged either way. */
  censored: number;
  /** 95 % Wilson intervals of the three rates (`falsePositiveRate`: `null` with no judged fire). */
  intervals: { fireRate: Interval; precededShare: Interval; falsePositiveRate: Interval | null };
  calibration: {
    /** Where the fire rate's point estimate falls against the playbook band. */
    band: 'below' | 'within' | 'above';
    /** The intervals clear both bars: preceded ≥ `minPrecededShare`, false positives < `maxFalsePositiveRate`. */
    worthAutomating: boolean;
    verdict: CalibrationVerdict;
    /** One sentence a growth manager can act on. */
    message: string;
  };
}

export interface BacktestReport {
  /** ISO time of the first and last event. */
  from: string | null;
  to: string | null;
  /** Events replayed (account records not included). */
  events: number;
  /** Account claim records applied. */
  accountRecords: number;
  accounts: number;
  /** Accounts with events but no account record: left out (eligibility unknown). */
  accountsWithoutClaims: number;
  expansions: number;
  /**
   * Expansions of accounts not eligible at any evaluation in the `lookbackDays` before them (or
   * with no claims): no trigger could have preceded them, so `precededShare` leaves them out.
   */
  neverEligibleExpansions: number;
  triggers: TriggerBacktest[];
  settings: { lookbackDays: number; outcomeDays: number; quietDays: number; bands: CalibrationBands };
}
