import type { AccountClaims } from './account-claims.ts';
import type { EligibilityConfig, HeadroomConfig, Segment } from './config.ts';
import { DAY_MS } from './day.ts';

/** Why an account may not see upgrade prompts. */
export type IneligibleReason =
  | 'not_activated'
  | 'activation_too_recent'
  | 'low_health'
  | 'low_active_users'
  | 'churn_risk'
  | 'health_unknown'
  | 'active_users_unknown';

/** A readiness fact nobody has reported for the account. */
export type UnknownFact = 'health' | 'active_users';

/** Whether an account may see upgrade prompts, and why not. */
export interface Eligibility {
  eligible: boolean;
  /** Every reason that blocks prompts (empty when eligible). */
  reasons: IneligibleReason[];
  /** Whole days since `activatedAt`; `null` when not activated. */
  daysSinceActivation: number | null;
  /**
   * Readiness facts that are not known, so their rule could not be checked. They block only
   * when `eligibility.unknownFacts` is `suppress` (then their `*_unknown` reason is listed too).
   */
  unknown: UnknownFact[];
}

/** The facts eligibility reads: the token's claims merged with the backend's account traits. */
export type EligibilityClaims = Pick<AccountClaims, 'segment'> &
  Partial<Pick<AccountClaims, 'activatedAt' | 'health' | 'churnRisk' | 'activeUsers' | 'seats'>>;

/**
 * The threshold of a per-segment rule. A config stored before the rule was per segment may
 * still hold one number; the edge reads such configs with this.
 */
export const segmentValue = (value: EligibilityConfig['minHealth'] | number, segment: Segment): number =>
  typeof value === 'number' ? value : value[segment];

/**
 * Whether an account may see upgrade prompts at all (the playbooks' readiness gate):
 * activated long enough for its segment, healthy enough for its segment, enough of its seats
 * in active use, and not at churn risk. A fact nobody reported is named in `unknown`.
 */
export function checkEligibility(
  claims: EligibilityClaims,
  config: Pick<HeadroomConfig, 'eligibility'>,
  now: number | Date,
): Eligibility {
  const { eligibility } = config;
  const { segment } = claims;
  const reasons: IneligibleReason[] = [];
  const unknown: UnknownFact[] = [];
  const nowMs = +now;
  // Date.parse(undefined) is NaN too: no activation date means not activated.
  const activated = Date.parse(claims.activatedAt as string);
  let daysSinceActivation: number | null = null;
  if (Number.isNaN(activated)) {
    reasons.push('not_activated');
  } else {
    daysSinceActivation = Math.floor((nowMs - activated) / DAY_MS);
    const minDays = eligibility.minDaysSinceActivation[segment] ?? 0;
    if (daysSinceActivation < minDays) reasons.push('activation_too_recent');
  }
  const suppressUnknown = eligibility.unknownFacts === 'suppress';
  if (claims.health === undefined) {
    unknown.push('health');
    if (suppressUnknown) reasons.push('health_unknown');
  } else if (claims.health < segmentValue(eligibility.minHealth, segment)) reasons.push('low_health');
  const { activeUsers, seats } = claims;
  if (activeUsers === undefined || !seats) {
    unknown.push('active_users');
    if (suppressUnknown) reasons.push('active_users_unknown');
  } else if (!(activeUsers / seats > segmentValue(eligibility.minActiveUserRatio, segment)))
    reasons.push('low_active_users');
  if (eligibility.suppressOnChurnRisk && claims.churnRisk === true) reasons.push('churn_risk');
  return { eligible: reasons.length === 0, reasons, daysSinceActivation, unknown };
}

/**
 * `checkEligibility(...).eligible` without the explanation: what the browser needs before it
 * shows a prompt, without shipping the reason codes (the console and CLI explain). The same
 * vectors run against both, and a property test keeps them in agreement.
 */
export function isEligible(
  claims: EligibilityClaims,
  config: Pick<HeadroomConfig, 'eligibility'>,
  now: number | Date,
): boolean {
  const { eligibility } = config;
  const { segment } = claims;
  const strict = eligibility.unknownFacts === 'suppress';
  const health = claims.health as number;
  // No active-user count, or no seats to divide by: NaN, which no comparison passes.
  const ratio = (claims.activeUsers as number) / (claims.seats || NaN);
  // Parsed configs hold one threshold per segment; a missing one (an older config) passes.
  const minHealth = eligibility.minHealth[segment];
  const minRatio = eligibility.minActiveUserRatio[segment];
  return (
    // Minimum days are whole (schema), so elapsed days need no flooring; NaN (no or an
    // unparseable activation date) compares false: not activated.
    (+now - Date.parse(claims.activatedAt as string)) / DAY_MS >=
      (eligibility.minDaysSinceActivation[segment] ?? 0) &&
    // An unknown (undefined or NaN) fact fails `>=` but passes `!<`: strict mode blocks it.
    (strict ? health >= minHealth : !(health < minHealth)) &&
    (strict ? ratio > minRatio : !(ratio <= minRatio)) &&
    !(eligibility.suppressOnChurnRisk && claims.churnRisk === true)
  );
}
