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
  /** Prompt this trigger asks for, when it fires. */
  prompt?: string;
}
