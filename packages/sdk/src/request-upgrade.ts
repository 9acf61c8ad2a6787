import type { Route } from '@headroom/core';
import { isName, isNum } from './is-valid.ts';
import type { Platform, UpgradeDecision, UpgradeRequest } from './types.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** A validated upgrade request; throws on a missing plan, drops malformed optional fields. */
export function upgradeBody(request: unknown) {
  const r: Partial<UpgradeRequest> = Object(request);
  if (!isName(r.plan)) throw new TypeError('upgrade: invalid plan');
  return {
    plan: r.plan,
    seats: isNum(r.seats) && r.seats >= 0 ? Math.round(r.seats) : undefined,
    needs: Array.isArray(r.needs) ? r.needs.filter(isName).slice(0, 20) : undefined,
    source: isName(r.source) ? r.source : undefined,
  };
}

/**
 * `POST /v1/route`: the edge decides from the verified token (never from this body) and
 * answers the route, a checkout link or a handoff. Rejects when it cannot decide.
 */
export async function requestUpgrade(
  platform: Pick<Platform, 'fetch'>,
  endpoint: string,
  body: ReturnType<typeof upgradeBody>,
  send: (request: (token: string) => Promise<Response>) => Promise<Response>,
): Promise<UpgradeDecision> {
  const res = await send((token) =>
    platform.fetch(`${endpoint}/v1/route`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, token }),
    }),
  );
  const {
    route,
    reasons,
    expansionAcv,
    checkoutUrl,
    handoff: h,
  }: Partial<UpgradeDecision> = Object(await res.json().catch(() => 0));
  // A route this SDK does not know is an answer it cannot act on.
  if (!res.ok || !['self_serve', 'self_serve_with_assist', 'cs_assist'].includes(route as string))
    throw new Error(`upgrade: ${res.status}`);
  return {
    route: route as Route,
    reasons: Array.isArray(reasons) ? reasons : [],
    expansionAcv: typeof expansionAcv === 'number' ? expansionAcv : null,
    checkoutUrl: str(checkoutUrl),
    handoff:
      h && str(h.id) && str(h.message)
        ? { id: h.id, message: h.message, bookingUrl: str(h.bookingUrl) }
        : undefined,
  };
}
