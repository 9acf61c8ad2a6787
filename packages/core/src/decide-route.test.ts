import { describe, expect, it } from 'vitest';
import { acmeConfig } from '../test/acme.ts';
import { decideRoute, type RouteInput } from './decide-route.ts';

// Business is $420 per seat per year; with an ACV of 0 the expansion ACV is 420 × seats,
// so the current ACV tunes the boundary to the dollar.
const business = (expansionAcv: number, extra: Partial<RouteInput> = {}): RouteInput => ({
  plan: 'business',
  seats: 100,
  claims: { acv: 42_000 - expansionAcv, segment: 'smb', seats: 10 },
  ...extra,
});

describe('decideRoute', () => {
  it.each([
    [4_999, 'self_serve', 'below_assist_threshold'],
    [5_000, 'self_serve_with_assist', 'above_assist_threshold'],
    [19_999, 'self_serve_with_assist', 'above_assist_threshold'],
    [20_000, 'cs_assist', 'above_cs_threshold'],
  ] as const)('expansion ACV $%i → %s', (acv, route, reason) => {
    expect(decideRoute(business(acv), acmeConfig)).toEqual({ route, reasons: [reason], expansionAcv: acv });
  });

  it("uses the token's seats when the request names none", () => {
    const decision = decideRoute({ plan: 'team', claims: { acv: 0, segment: 'smb', seats: 12 } }, acmeConfig);
    expect(decision.expansionAcv).toBe(144 * 12);
  });

  it('sends the enterprise segment to CS even for a small expansion', () => {
    const decision = decideRoute(
      { plan: 'team', seats: 12, claims: { acv: 1440, segment: 'enterprise', seats: 10 } },
      acmeConfig,
    );
    expect(decision).toEqual({
      route: 'cs_assist',
      reasons: ['below_assist_threshold', 'enterprise_segment'],
      expansionAcv: 288,
    });
  });

  it.each(['invoice', 'multi_year', 'custom_sla', 'security_review'])('needs %s → cs_assist', (need) => {
    const decision = decideRoute(business(1_000, { needs: [need] }), acmeConfig);
    expect(decision.route).toBe('cs_assist');
    expect(decision.reasons).toEqual(['below_assist_threshold', `needs_${need}`]);
  });

  it('ignores needs that are not CS needs, and names a repeated need once', () => {
    expect(decideRoute(business(1_000, { needs: ['dark_mode'] }), acmeConfig).route).toBe('self_serve');
    expect(decideRoute(business(1_000, { needs: ['invoice', 'invoice'] }), acmeConfig).reasons).toEqual([
      'below_assist_threshold',
      'needs_invoice',
    ]);
  });

  it('routes contact-sales plans to CS with no price', () => {
    const decision = decideRoute(
      { plan: 'enterprise', seats: 5, claims: { acv: 0, segment: 'smb', seats: 5 } },
      acmeConfig,
    );
    expect(decision).toEqual({ route: 'cs_assist', reasons: ['contact_sales'], expansionAcv: null });
  });

  it('routes a priced plan flagged contactSales to CS but still reports its ACV', () => {
    const plans = { ...acmeConfig.plans, team: { ...acmeConfig.plans.team!, contactSales: true } };
    const decision = decideRoute(
      { plan: 'team', seats: 2, claims: { acv: 0, segment: 'smb', seats: 2 } },
      { ...acmeConfig, plans },
    );
    expect(decision).toEqual({ route: 'cs_assist', reasons: ['contact_sales'], expansionAcv: 288 });
  });

  it('raises a stalled PQL (29 vs 30 days) from self_serve to self_serve_with_assist', () => {
    expect(decideRoute(business(1_000, { pqlAgeDays: 29 }), acmeConfig).route).toBe('self_serve');
    expect(decideRoute(business(1_000, { pqlAgeDays: 30 }), acmeConfig)).toEqual({
      route: 'self_serve_with_assist',
      reasons: ['below_assist_threshold', 'stalled_pql'],
      expansionAcv: 1_000,
    });
    expect(decideRoute(business(1_000, { pqlAgeDays: null }), acmeConfig).route).toBe('self_serve');
  });

  it('offers a person at escalateAtSignals active triggers (3 vs 4), never lowering CS', () => {
    expect(decideRoute(business(1_000, { activeSignals: 3 }), acmeConfig).route).toBe('self_serve');
    expect(decideRoute(business(1_000, { activeSignals: 4 }), acmeConfig)).toEqual({
      route: 'self_serve_with_assist',
      reasons: ['below_assist_threshold', 'signal_escalation'],
      expansionAcv: 1_000,
    });
    expect(decideRoute(business(25_000, { activeSignals: 9 }), acmeConfig).reasons).toEqual([
      'above_cs_threshold',
    ]);
  });

  it('overrides only raise: a stalled PQL never lowers a CS route, a segment never lowers ACV routing', () => {
    expect(decideRoute(business(25_000, { pqlAgeDays: 90 }), acmeConfig).route).toBe('cs_assist');
    const routing = { ...acmeConfig.routing, segments: { smb: { route: 'self_serve' as const } } };
    const decision = decideRoute(business(25_000), { ...acmeConfig, routing });
    expect(decision).toEqual({ route: 'cs_assist', reasons: ['above_cs_threshold'], expansionAcv: 25_000 });
  });

  it('treats a smaller request (negative expansion) as self-serve', () => {
    const decision = decideRoute(
      { plan: 'team', seats: 2, claims: { acv: 1440, segment: 'smb', seats: 10 } },
      acmeConfig,
    );
    expect(decision).toEqual({
      route: 'self_serve',
      reasons: ['below_assist_threshold'],
      expansionAcv: -1152,
    });
  });

  it('throws a RangeError for a plan it does not know', () => {
    expect(() => decideRoute({ ...business(1), plan: 'platinum' }, acmeConfig)).toThrow(RangeError);
  });

  it('throws a RangeError for seats that are not a number ≥ 0 instead of routing NaN', () => {
    expect(() => decideRoute(business(1, { seats: Number.NaN }), acmeConfig)).toThrow(RangeError);
    expect(() => decideRoute(business(1, { seats: -1 }), acmeConfig)).toThrow(RangeError);
  });
});
