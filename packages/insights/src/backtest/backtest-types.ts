import type { AccountClaims } from '@headroom/core';
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
  /** A fire with no expansion within this many days is a false positive. @default 90 */
  outcomeDays?: number;
  bands?: Partial<CalibrationBands>;
}

export interface QuarterRate {
  /** `YYYY-Qn` (UTC calendar quarter). */
  quarter: string;
  eligibleAccounts: number;
  firedAccounts: number;
  fireRate: number;
}

export type CalibrationVerdict = 'automate' | 'tune_threshold' | 'do_not_automate' | 'insufficient_data';

export interface TriggerBacktest {
  id: string;
  kind: string;
  /** Accounts it fired on among accounts eligible in each quarter. */
  quarters: QuarterRate[];
  /** Pooled over quarters: Σ fired / Σ eligible account-quarters. */
  fireRate: number;
  /** Expansions it fired before (within `lookbackDays`, while the account was eligible). */
  preceded: number;
  precededShare: number;
  /** Median days from the earliest such fire to the expansion; `null` when it preceded none. */
  medianLeadDays: number | null;
  /** Account-quarters it fired on whose outcome window ended inside the data. */
  fires: number;
  /** Of `fires`, those with no expansion within `outcomeDays`. */
  falsePositives: number;
  /** `null` when there were no judged fires. */
  falsePositiveRate: number | null;
  /** Fires whose outcome window runs past the end of the data: not judged either way. */
  censored: number;
  calibration: {
    band: 'below' | 'within' | 'above';
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
  triggers: TriggerBacktest[];
  settings: { lookbackDays: number; outcomeDays: number; bands: CalibrationBands };
}
