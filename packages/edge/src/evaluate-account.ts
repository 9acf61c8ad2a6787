import {
  type AccountClaims,
  checkEligibility,
  type EligibilityClaims,
  evaluateTriggers,
  type HeadroomConfig,
  nextPlan,
  type Segment,
} from '@headroom/core';
import type { AccountFact, AccountInputs, AccountStateRow } from './storage/storage.ts';

const SEGMENTS: ReadonlySet<string> = new Set(['smb', 'mid_market', 'enterprise']);

/** The account's facts as claims: the newest observation of each fact, token or backend. */
export type FactClaims = Partial<Omit<AccountClaims, 'segment'>> & {
  segment?: Segment;
  renewalDate?: string;
  employees?: number;
};

const factValue = <T>(fact: AccountFact | undefined, type: 'string' | 'number' | 'boolean'): T | undefined =>
  fact !== undefined && typeof fact.value === type ? (fact.value as T) : undefined;

/** Reads the merged facts into claims; `usage.<meter>` facts become the token's usage map. */
export function claimsFromFacts(facts: Record<string, AccountFact>): FactClaims {
  const claims: FactClaims = {};
  const str = (name: string) => factValue<string>(facts[name], 'string');
  const num = (name: string) => factValue<number>(facts[name], 'number');
  const sub = str('sub');
  if (sub !== undefined) claims.sub = sub;
  const plan = str('plan');
  if (plan !== undefined) claims.plan = plan;
  const segment = str('segment');
  if (segment !== undefined && SEGMENTS.has(segment)) claims.segment = segment as Segment;
  const activatedAt = str('activatedAt');
  if (activatedAt !== undefined) claims.activatedAt = activatedAt;
  const renewalDate = str('renewalDate');
  if (renewalDate !== undefined) claims.renewalDate = renewalDate;
  for (const name of ['acv', 'seats', 'health', 'activeUsers', 'employees'] as const) {
    const value = num(name);
    if (value !== undefined) claims[name] = value;
  }
  const churnRisk = factValue<boolean>(facts.churnRisk, 'boolean');
  if (churnRisk !== undefined) claims.churnRisk = churnRisk;
  return claims;
}

/**
 * Current usage per meter: the newest of the stored usage (any user, or the backend) and the
 * token's `usage` claim (observed when the token was signed).
 */
export function currentUsage(
  facts: Record<string, AccountFact>,
  usage: AccountInputs['usage'],
): Record<string, number> {
  const out: Record<string, number> = {};
  const seenAt: Record<string, number> = {};
  for (const [name, fact] of Object.entries(facts)) {
    if (!name.startsWith('usage.') || typeof fact.value !== 'number') continue;
    const meter = name.slice(6);
    out[meter] = fact.value;
    seenAt[meter] = fact.at;
  }
  for (const [meter, sample] of Object.entries(usage)) {
    if (seenAt[meter] === undefined || sample.at >= (seenAt[meter] ?? 0)) out[meter] = sample.value;
  }
  return out;
}

/** Price of the next plan on the upgrade path for the account's seats − its ACV; null when unpriced. */
export function potentialExpansionAcv(
  config: HeadroomConfig,
  claims: Pick<AccountClaims, 'plan' | 'seats' | 'acv'>,
): number | null {
  const next = nextPlan(config, claims.plan);
  const price = next === null ? undefined : config.plans[next]?.seatPrice;
  if (price === undefined || price === null) return null;
  return price * claims.seats - claims.acv;
}

/** Slack loaded before a `grewBy` window, so a trait reported now and then still has a baseline. */
const TRAIT_BASELINE_SLACK_DAYS = 60;

/** The longest window any trigger of the config reads, in days (history to load). */
export function historyDays(config: HeadroomConfig): number {
  let days = 90;
  for (const trigger of config.triggers) {
    let window = 'withinDays' in trigger ? trigger.withinDays : 'days' in trigger ? trigger.days : 0;
    if (trigger.kind === 'meter_forecast') window = trigger.overDays;
    if (trigger.kind === 'event_count') window += 7 * (trigger.sustainedWeeks - 1);
    if (trigger.kind === 'trait') {
      for (const condition of trigger.all) {
        if (condition.grewBy !== undefined)
          window = Math.max(window, condition.overDays + TRAIT_BASELINE_SLACK_DAYS);
      }
    }
    days = Math.max(days, window + 1);
  }
  return days;
}

/**
 * Every trait the edge holds, by the name trait conditions use: built-in facts as they are,
 * custom ones (`custom.nps`) by their own name unless a built-in has it. Usage is not a trait.
 */
export function traitsOf(
  facts: Record<string, AccountFact>,
  history: AccountInputs['traitHistory'],
): { traits: Record<string, string | number | boolean>; traitHistory: AccountInputs['traitHistory'] } {
  const traits: Record<string, string | number | boolean> = {};
  const traitHistory: AccountInputs['traitHistory'] = {};
  const custom = (name: string) => (name.startsWith('custom.') ? name.slice(7) : undefined);
  for (const [name, fact] of Object.entries(facts)) {
    if (fact.value === null || name.startsWith('usage.') || custom(name) !== undefined) continue;
    traits[name] = fact.value;
  }
  for (const [name, fact] of Object.entries(facts)) {
    const own = custom(name);
    if (own !== undefined && fact.value !== null && !(own in traits)) traits[own] = fact.value;
  }
  for (const [name, days] of Object.entries(history)) {
    const own = custom(name) ?? name;
    if (!(own in traitHistory) || own === name) traitHistory[own] = days;
  }
  return { traits, traitHistory };
}

/** An evaluation and the trigger episodes it opens and closes. */
export interface AccountEvaluation {
  state: AccountStateRow;
  claims: FactClaims;
  usage: Record<string, number>;
  started: string[];
  cleared: string[];
}

/**
 * Evaluates one account from the facts the edge holds, with the same core `evaluateTriggers`
 * and `checkEligibility` the SDK runs. Pure: the same inputs give the same state.
 *
 * A PQL episode starts when an eligible account has at least one fired trigger and ends when
 * none fires, the account becomes ineligible, or the backend reports an upgrade after it began.
 */
export function evaluateAccount(
  accountId: string,
  config: HeadroomConfig,
  configVersion: number,
  inputs: AccountInputs,
  previous: AccountStateRow | null,
  now: number,
): AccountEvaluation {
  const claims = claimsFromFacts(inputs.facts);
  const usage = currentUsage(inputs.facts, inputs.usage);
  const known = claims.plan !== undefined && claims.segment !== undefined;
  const results =
    claims.plan === undefined
      ? []
      : evaluateTriggers(
          {
            // The account id assigns trigger holdouts, as the token's `sub` does in the browser.
            claims: { ...claims, sub: accountId, plan: claims.plan },
            meters: usage,
            gateHits: inputs.gateHits,
            invites: inputs.invites,
            meterHistory: inputs.meterHistory,
            events: inputs.events,
            ...traitsOf(inputs.facts, inputs.traitHistory),
          },
          config,
          now,
        );
  const eligibility = known
    ? checkEligibility(claims as EligibilityClaims, config, now)
    : { eligible: false, reasons: ['segment_unknown'], unknown: [] as string[] };
  const fired = results
    .filter((r) => r.fired)
    .map((r) => r.id)
    .sort();
  const potentialAcv =
    claims.plan !== undefined && claims.seats !== undefined && claims.acv !== undefined
      ? potentialExpansionAcv(config, { plan: claims.plan, seats: claims.seats, acv: claims.acv })
      : null;
  const upgradedSince =
    previous?.pqlSince != null && inputs.lastUpgradeAt !== null && inputs.lastUpgradeAt >= previous.pqlSince;
  const isPql = eligibility.eligible && fired.length > 0;
  const pqlSince = !isPql ? null : previous?.pqlSince != null && !upgradedSince ? previous.pqlSince : now;
  const before = new Set(previous?.fired ?? []);
  const after = new Set(fired);
  return {
    claims,
    usage,
    started: fired.filter((id) => !before.has(id)),
    cleared: [...before].filter((id) => !after.has(id)),
    state: {
      accountId,
      configVersion,
      evaluatedAt: now,
      fired,
      results,
      eligible: eligibility.eligible,
      reasons: [...eligibility.reasons],
      unknown: [...eligibility.unknown],
      plan: claims.plan ?? null,
      segment: claims.segment ?? null,
      acv: claims.acv ?? null,
      seats: claims.seats ?? null,
      potentialAcv,
      pqlSince,
      lastUpgradeAt: inputs.lastUpgradeAt,
    },
  };
}
