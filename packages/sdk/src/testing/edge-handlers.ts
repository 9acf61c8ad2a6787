import type { AccountClaims, HeadroomConfig, RouteDecision } from '@headroom/core';
import { HttpResponse, http, type RequestHandler } from 'msw';
import { decodeClaims } from '../decode-claims.ts';
import type { UpgradeDecision } from '../types.ts';
import { decideTestRoute } from './decide-test-route.ts';

/** Options for `edgeHandlers`. */
export interface EdgeHandlersOptions {
  /** The `endpoint` given to `createHeadroom`. */
  endpoint: string;
  /** Answered at `GET /v1/config`. */
  config: HeadroomConfig;
  /**
   * What `POST /v1/route` answers: a fixed decision, or one per request. @default decideRoute
   * over the token's claims, as the edge decides without history
   */
  route?:
    | UpgradeDecision
    | ((request: { plan: string; seats?: number; claims: AccountClaims }) => UpgradeDecision);
  /** Receives every event the SDK delivers to `POST /v1/events`. */
  onEvents?: (events: Record<string, unknown>[]) => void;
}

interface RouteBody {
  token?: string;
  plan?: string;
  seats?: number;
  needs?: string[];
}

const unauthorized = () =>
  HttpResponse.json({ error: { code: 'invalid_token', message: 'no account token' } }, { status: 401 });

/**
 * msw handlers that stand in for the edge API (`/v1/config`, `/v1/events`, `/v1/route`,
 * `/v1/account`), so a host app's tests run the real SDK without a network.
 * @example
 * const server = setupServer(...edgeHandlers({ endpoint: 'https://edge.test', config }));
 */
export function edgeHandlers(options: EdgeHandlersOptions): RequestHandler[] {
  const base = options.endpoint.replace(/\/+$/, '');
  return [
    http.get(`${base}/v1/config`, () =>
      HttpResponse.json(options.config, { headers: { etag: '"hr-config-1"' } }),
    ),
    http.post(`${base}/v1/events`, async ({ request }) => {
      const body = JSON.parse(await request.text()) as { token?: string; events?: Record<string, unknown>[] };
      if (!decodeClaims(body.token)) return unauthorized();
      const events = body.events ?? [];
      options.onEvents?.(events);
      return HttpResponse.json({ accepted: events.length, duplicates: 0, rejected: 0 }, { status: 202 });
    }),
    http.post(`${base}/v1/route`, async ({ request }) => {
      const body = JSON.parse(await request.text()) as RouteBody;
      const claims = decodeClaims(body.token);
      if (!claims) return unauthorized();
      const plan = body.plan ?? '';
      if (!options.config.plans[plan])
        return HttpResponse.json(
          { error: { code: 'invalid_body', message: `unknown plan "${plan}"` } },
          { status: 400 },
        );
      const { route } = options;
      const decision: RouteDecision | UpgradeDecision =
        typeof route === 'function'
          ? route({ plan, ...(body.seats === undefined ? {} : { seats: body.seats }), claims })
          : (route ??
            decideTestRoute(options.config, claims, { plan, seats: body.seats, needs: body.needs }));
      return HttpResponse.json(decision);
    }),
    http.get(`${base}/v1/account`, ({ request }) => {
      const claims = decodeClaims(request.headers.get('authorization')?.replace(/^Bearer\s+/i, ''));
      if (!claims) return unauthorized();
      return HttpResponse.json({
        accountId: claims.sub,
        gateHits: [],
        invites: [],
        meterHistory: {},
        firstPqlAt: null,
        activeTriggers: [],
        usage: claims.usage ?? {},
        eligibility: null,
      });
    }),
  ];
}
