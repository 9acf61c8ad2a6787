import type { AccountClaims } from './account-claims.ts';
import type { HeadroomConfig } from './config.ts';
import { DAY_MS } from './day.ts';

/** Why an account may not see upgrade prompts. */
export type IneligibleReason = 'not_activated' | 'activation_too_recent' | 'low_health' | 'churn_risk';

/** Whether an account may see upgrade prompts, and why not. */
export interface Eligibility {
  eligible: boolean;
  /** Every reason that blocks prompts (empty when eligible). */
  reasons: IneligibleReason[];
  /** Whole days since `activatedAt`; `null` when not activated. */
  daysSinceActivation: number | null;
}

type EligibilityClaims = Pick<AccountClaims, 'segment'> &
  Partial<Pick<AccountClaims, 'activatedAt' | 'health' | 'churnRisk'>>;

/**
 * Whether an account may see upgrade prompts at all: activated long enough for its segment,
 * healthy (when health is known) and not at churn risk.
 */
export function checkEligibility(
  claims: EligibilityClaims,
  config: Pick<HeadroomConfig, 'eligibility'>,
  now: number | Date,
): Eligibility {
  const { eligibility } = config;
  const reasons: IneligibleReason[] = [];
  const nowMs = +now;
  // Date.parse(undefined) is NaN too: no activation date means not activated.
  const activated = Date.parse(claims.activatedAt as string);
  let daysSinceActivation: number | null = null;
  if (Number.isNaN(activated)) {
    reasons.push('not_activated');
  } else {
    daysSinceActivation = Math.floor((nowMs - activated) / DAY_MS);
    const minDays = eligibility.minDaysSinceActivation[claims.segment] ?? 0;
    if (daysSinceActivation < minDays) reasons.push('activation_too_recent');
  }
  if (claims.health !== undefined && claims.health < eligibility.minHealth) reasons.push('low_health');
  if (eligibility.suppressOnChurnRisk && claims.churnRisk === true) reasons.push('churn_risk');
  return { eligible: reasons.length === 0, reasons, daysSinceActivation };
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
  return (
    // Minimum days are whole (schema), so elapsed days need no flooring; NaN (no or an
    // unparseable activation date) compares false: not activated.
    (+now - Date.parse(claims.activatedAt as string)) / DAY_MS >=
      (eligibility.minDaysSinceActivation[claims.segment] ?? 0) &&
    // An unknown health (undefined) compares false: it never blocks.
    !((claims.health as number) < eligibility.minHealth) &&
    !(eligibility.suppressOnChurnRisk && claims.churnRisk === true)
  );
}
