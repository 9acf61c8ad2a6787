import { type AccountClaims, DAY_MS, decideRoute, type HeadroomConfig } from '@headroom/core';
import * as z from 'zod/mini';
import type { EdgeContext } from '../edge-context.ts';
import { fillUrlTemplate } from '../fill-url-template.ts';
import { buildHandoffPayload } from '../handoff-payload.ts';
import { HttpError } from '../http-error.ts';
import type { PlainAnswer, PlainRequest, PlainRoute, RequestState } from '../plain-route.ts';
import { parseJsonBody } from '../read-json.ts';
import type { AccountSignals } from '../storage/storage.ts';

const name = z.string().check(z.minLength(1), z.maxLength(128));
const routeBodySchema = z.object({
  token: z.string(),
  plan: name,
  seats: z.optional(z.int().check(z.gte(1), z.lte(10_000_000))),
  needs: z.optional(z.array(name).check(z.maxLength(20))),
  source: z.optional(name),
});
type RouteBody = z.output<typeof routeBodySchema>;

const MESSAGES = {
  cs_assist: 'A member of our team will reach out within one business day to set this up with you.',
  self_serve_with_assist: 'You can check out right away, or talk to us first if you have questions.',
} as const;

interface RouteInputs {
  body: RouteBody;
  claims: AccountClaims;
  config: HeadroomConfig;
  signals: AccountSignals;
}

/**
 * `POST /v1/route`: decides the upgrade route. ACV, segment, seats, plan and account id come
 * only from the verified token; the body only says what the user asked for.
 *
 * When the verified token, the config and the account's signals are all cached (the steady
 * state) the answer is computed synchronously: each `await` would be another trip through the
 * microtask queue on the hottest route.
 */
export const routeUpgrade: PlainRoute = (ctx, request, state) => {
  const text = request.text();
  if (typeof text !== 'string') return text.then((t) => routeText(ctx, request, state, t));
  return routeText(ctx, request, state, text);
};

function routeText(
  ctx: EdgeContext,
  request: PlainRequest,
  state: RequestState,
  text: string,
): PlainAnswer | Promise<PlainAnswer> {
  const body = parseJsonBody(text, ctx.schema(routeBodySchema));
  const claims = ctx.verifiedClaims(body.token);
  if (claims === undefined)
    return ctx.verify(body.token).then((c) => routeClaims(ctx, request, state, body, c));
  return routeClaims(ctx, request, state, body, claims);
}

function routeClaims(
  ctx: EdgeContext,
  request: PlainRequest,
  state: RequestState,
  body: RouteBody,
  claims: AccountClaims,
): PlainAnswer | Promise<PlainAnswer> {
  state.accountId = claims.sub;
  ctx.takeAccount(claims.sub);
  const version = ctx.freshConfig();
  const signals = version && knownPlan(body, version.config) && ctx.freshSignals(claims.sub);
  if (version && signals) {
    ctx.rememberAccount(claims, request.waitUntil);
    return decide(ctx, request, { body, claims, config: version.config, signals });
  }
  return (async () => {
    const { config } = version ?? (await ctx.config());
    knownPlan(body, config);
    ctx.rememberAccount(claims, request.waitUntil);
    const loaded = ctx.freshSignals(claims.sub) ?? (await ctx.signals(claims.sub));
    return decide(ctx, request, { body, claims, config, signals: loaded });
  })();
}

/** @throws HttpError 400 when the requested plan is not in the config. */
function knownPlan(body: RouteBody, config: HeadroomConfig): true {
  if (config.plans[body.plan]) return true;
  throw new HttpError(400, 'invalid_body', `unknown plan "${body.plan}"`, [
    { path: 'plan', message: `must be one of ${Object.keys(config.plans).join(', ')}` },
  ]);
}

function decide(
  ctx: EdgeContext,
  request: PlainRequest,
  { body, claims, config, signals }: RouteInputs,
): PlainAnswer | Promise<PlainAnswer> {
  const now = ctx.now();
  const pqlAgeDays =
    signals.firstPqlAt === null ? null : Math.floor((now - Date.parse(signals.firstPqlAt)) / DAY_MS);
  const decision = decideRoute(
    {
      plan: body.plan,
      seats: body.seats,
      needs: body.needs,
      claims,
      pqlAgeDays,
      activeSignals: signals.activeTriggers.length,
    },
    config,
  );
  const seats = body.seats ?? claims.seats;
  const values = { plan: body.plan, seats, accountId: claims.sub, userId: claims.uid };
  const { checkoutUrl, bookingUrl } = config.routing;
  const response: Record<string, unknown> = { ...decision };
  if (decision.route !== 'cs_assist' && checkoutUrl)
    response.checkoutUrl = fillUrlTemplate(checkoutUrl, values);
  if (decision.route === 'self_serve') return { status: 200, body: response };
  const needs = [...new Set(body.needs ?? [])].sort();
  const handoffId = crypto.randomUUID();
  const payload = buildHandoffPayload({
    handoffId,
    kind: 'route',
    claims,
    signals,
    route: decision.route,
    reasons: decision.reasons,
    expansionAcv: decision.expansionAcv,
    request: { plan: body.plan, seats, needs, source: body.source ?? null },
    createdAt: now,
  });
  // The same request on the same day is one conversation, not a new handoff per click.
  const key = `route:${claims.sub}:${body.plan}:${seats}:${needs.join('+')}:${new Date(now).toISOString().slice(0, 10)}`;
  const message = MESSAGES[decision.route];
  return ctx.handoff(key, payload, request.waitUntil).then((id) => {
    response.handoff = {
      id,
      message,
      ...(bookingUrl ? { bookingUrl: fillUrlTemplate(bookingUrl, values) } : {}),
    };
    return { status: 200, body: response };
  });
}
