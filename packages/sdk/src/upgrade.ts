import type { Tokens } from './create-token-source.ts';
import { isName } from './is-valid.ts';
import type { Headroom, Platform, UpgradeDecision, UpgradeRequest } from './types.ts';

/**
 * The upgrade request's fields, as given: the edge validates them (an answer of 400 names the
 * field), so a malformed one is a clear error, not a silently different request.
 */
export function upgradeBody(request: unknown) {
  const { plan, seats, needs, source }: Partial<UpgradeRequest> = Object(request);
  if (!isName(plan)) throw new TypeError('upgrade: invalid plan');
  return { plan, seats, needs, source };
}

/**
 * `POST /v1/route`: the edge decides from the verified token (never from this body) and
 * answers the route, a checkout link or a handoff. Rejects when it cannot decide.
 */
export async function requestUpgrade(
  platform: Pick<Platform, 'fetch'>,
  endpoint: string,
  body: ReturnType<typeof upgradeBody>,
  send: Tokens['send'],
): Promise<UpgradeDecision> {
  const res = await send((token) =>
    platform.fetch(`${endpoint}/v1/route`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, token }),
    }),
  );
  // The edge this client was pointed at is trusted for the decision's shape; what it must be
  // is a decision this SDK can act on. Links are checked where they are used (the widgets
  // open only https: and relative URLs).
  const decision: UpgradeDecision = Object(await res.json().catch(() => 0));
  if (!res.ok || !['self_serve', 'self_serve_with_assist', 'cs_assist'].includes(decision.route))
    throw new Error(`upgrade: ${res.status}`);
  return decision;
}

/**
 * `hr.upgrade()`: validates the request, logs a click on the prompt it came from if the host
 * did not report one, and asks the edge for the route. The edge records the decision itself
 * (the route split and the funnel read it), so the browser sends no event about it.
 */
export function createUpgrade(
  platform: Pick<Platform, 'fetch'>,
  endpoint: string,
  send: Tokens['send'],
  clickBeforeUpgrade: (source: string | undefined) => void,
): Headroom['upgrade'] {
  // Async, so even a throw in upgradeBody() becomes a rejection, never a throw into the host.
  return async (request) => {
    const body = upgradeBody(request);
    clickBeforeUpgrade(body.source);
    return requestUpgrade(platform, endpoint, body, send);
  };
}
