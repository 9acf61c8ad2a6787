import type { AccountClaims } from './account-claims.ts';
import type { HeadroomConfig, Route } from './config.ts';

/** Why a route was chosen: the threshold first, then every override that applied. */
export type RouteReason =
  | 'below_assist_threshold'
  | 'above_assist_threshold'
  | 'above_cs_threshold'
  | 'contact_sales'
  | 'enterprise_segment'
  | 'mid_market_segment'
  | 'smb_segment'
  | 'stalled_pql'
  | 'signal_escalation'
  | `needs_${string}`;

/** An upgrade request plus the verified facts about the account. */
export interface RouteInput {
  /** Plan the user asked for. */
  plan: string;
  /** Seats requested; the token's `seats` claim when absent. */
  seats?: number | undefined;
  /** What the deal needs, e.g. `invoice`, `multi_year`. */
  needs?: readonly string[] | undefined;
  /** Verified token claims; never from the request body. */
  claims: Pick<AccountClaims, 'acv' | 'segment' | 'seats'>;
  /** Days since the account first became a PQL; `null`/absent when it never did. */
  pqlAgeDays?: number | null | undefined;
  /**
   * Distinct triggers active on the account. At `escalateAtSignals` or more the account is in a
   * sales-led motion, so a person is offered: at least `self_serve_with_assist`.
   */
  activeSignals?: number | undefined;
}

/** Where an upgrade goes, why, and what it is worth. */
export interface RouteDecision {
  route: Route;
  /** Why, in order: the threshold reason first, then every override that applied. */
  reasons: RouteReason[];
  /** Price of the requested plan × seats − current ACV; `null` when the plan has no price. */
  expansionAcv: number | null;
}

/** The parts of a configuration routing reads. */
export type RoutePolicy = Pick<HeadroomConfig, 'routing' | 'plans'>;

const RANK: Record<Route, number> = { self_serve: 0, self_serve_with_assist: 1, cs_assist: 2 };
const raise = (a: Route, b: Route): Route => (RANK[b] > RANK[a] ? b : a);

/**
 * Routes an upgrade by expansion ACV: < assistAtAcv → self_serve; < csAtAcv →
 * self_serve_with_assist; otherwise cs_assist. Overrides (segment, csNeeds, contact-sales
 * plans, signal escalation, stalled PQL) only ever raise the route.
 * @example
 * decideRoute({ plan: 'business', seats: 60, claims: { acv: 1200, segment: 'smb', seats: 10 } }, config)
 * // { route: 'cs_assist', reasons: ['above_cs_threshold'], expansionAcv: 24000 }
 * @throws RangeError for a plan the policy does not know, or seats that are not a number ≥ 0.
 */
export function decideRoute(input: RouteInput, policy: RoutePolicy): RouteDecision {
  const plan = policy.plans[input.plan];
  if (!plan) throw new RangeError(`unknown plan "${input.plan}"`);
  const { routing } = policy;
  const seats = input.seats ?? input.claims.seats;
  // A NaN here would compare false everywhere and silently route to self-serve.
  if (!Number.isFinite(seats) || seats < 0) throw new RangeError(`invalid seats ${seats}`);
  const reasons: RouteReason[] = [];
  let route: Route;
  let expansionAcv: number | null = null;

  if (plan.seatPrice === null || plan.contactSales) {
    route = 'cs_assist';
    reasons.push('contact_sales');
    if (plan.seatPrice !== null) expansionAcv = plan.seatPrice * seats - input.claims.acv;
  } else {
    expansionAcv = plan.seatPrice * seats - input.claims.acv;
    if (expansionAcv >= routing.csAtAcv) {
      route = 'cs_assist';
      reasons.push('above_cs_threshold');
    } else if (expansionAcv >= routing.assistAtAcv) {
      route = 'self_serve_with_assist';
      reasons.push('above_assist_threshold');
    } else {
      route = 'self_serve';
      reasons.push('below_assist_threshold');
    }
  }

  const segmentRoute = routing.segments[input.claims.segment]?.route;
  // Named whenever it applies (even when the ACV already chose that route), never to lower it.
  if (segmentRoute !== undefined && RANK[segmentRoute] >= RANK[route] && segmentRoute !== 'self_serve') {
    route = segmentRoute;
    reasons.push(`${input.claims.segment}_segment`);
  }
  for (const need of new Set(input.needs ?? [])) {
    if (routing.csNeeds.includes(need)) {
      route = raise(route, 'cs_assist');
      reasons.push(`needs_${need}`);
    }
  }
  if (
    route === 'self_serve' &&
    input.activeSignals !== undefined &&
    input.activeSignals >= routing.escalateAtSignals
  ) {
    route = 'self_serve_with_assist';
    reasons.push('signal_escalation');
  }
  if (route === 'self_serve' && input.pqlAgeDays != null && input.pqlAgeDays >= routing.stalledPqlDays) {
    route = 'self_serve_with_assist';
    reasons.push('stalled_pql');
  }
  return { route, reasons, expansionAcv };
}
