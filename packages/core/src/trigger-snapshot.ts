import type { AccountClaims } from './account-claims.ts';

/**
 * A UTC day: `YYYY-MM-DD`, an ISO timestamp, days since the Unix epoch, or — any number of
 * 1e9 or more — a timestamp in ms since the epoch.
 */
export type DayRef = string | number;

/** What the trigger engine knows about one account at one moment. Plain data: JSON-safe. */
export interface TriggerSnapshot {
  claims: Pick<AccountClaims, 'plan'> & Partial<AccountClaims>;
  /** Current usage per meter id. */
  meters: Readonly<Record<string, number>>;
  /** Gated-feature hits per day, by every user of the account. */
  gateHits?: ReadonlyArray<{ day: DayRef; feature: string; count?: number }>;
  /** Invites sent per day, by every user of the account; `count` defaults to 1. */
  invites?: ReadonlyArray<{ day: DayRef; count?: number }>;
  /** Daily usage samples per meter (e.g. the day's peak), for sustained-pressure triggers. */
  meterHistory?: Readonly<Record<string, ReadonlyArray<{ day: DayRef; used: number }>>>;
  /**
   * Tracked events per day, name and user (`user` absent: not attributed); `count` defaults
   * to 1. Read by the edge-only kinds `event_count`, `power_users` and `feature_adoption`.
   */
  events?: ReadonlyArray<{ day: DayRef; name: string; user?: string; count?: number }>;
  /** Server-reported account traits by name (`renewalDate`, `employees`, custom ones). */
  traits?: Readonly<Record<string, string | number | boolean>>;
  /** Daily values of numeric traits (the day's last report), for `grewBy` conditions. */
  traitHistory?: Readonly<Record<string, ReadonlyArray<{ day: DayRef; value: number }>>>;
}

/** The outcome of one trigger rule. */
export interface TriggerResult {
  id: string;
  kind: string;
  fired: boolean;
  /** One sentence a person can read, e.g. "api_calls at 82% of its limit (threshold 80%)". */
  reason: string;
  /** The measured value the rule compared (ratio, days, count or score). */
  value: number;
  threshold: number;
  /** Prompt this trigger asks for, when it fires (absent for an account in its holdout). */
  prompt?: string;
  /**
   * The account is in the trigger's holdout: it fires and is logged, its prompt is withheld
   * (set by `evaluateTriggers`; `evaluateBrowserTriggers` only leaves `prompt` out).
   */
  heldOut?: true;
  /** `meter_forecast`: the meter projected to reach its limit first, and the UTC day it would. */
  forecast?: { meter: string; limit: number; reachesOn: string };
  /** `power_users`: the users above the bar, most active first (at most 20). */
  users?: string[];
  /** `feature_adoption`: features of the current plan used in the window, and the next plan's extra ones. */
  features?: { used: string[]; nextPlan: string[] };
}
