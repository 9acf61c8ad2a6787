import { type AccountClaims, DAY_MS, decideRoute, type HeadroomConfig } from '@headroom/core';
import * as z from 'zod/mini';
import type { EdgeContext } from '../edge-context.ts';
import { signalsOf } from '../escalation.ts';
import { fillUrlTemplate } from '../fill-url-template.ts';
import { buildHandoffPayload } from '../handoff-payload.ts';
import { HttpError } from '../http-error.ts';
import type { PlainAnswer, PlainRequest, PlainRoute, RequestState } from '../plain-route.ts';
import { parseJsonBody } from '../read-json.ts';
import type { AccountStateRow } from '../storage/storage.ts';

const name = z.string().check(z.minLength(1), z.maxLength(128));
export const routeBodySchema = z.object({
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
  /** The account as the edge evaluated it (null before any facts arrived). */
  state: AccountStateRow | null;
}

/**
 * `POST /v1/route`: decides the upgrade route. ACV, segment, seats, plan and account id come
 * only from the verified token; the body only says what the user asked for.
 *
 * PQL age and active signals come from the edge's evaluated account state, never from browser
 * events. Every decision is stored (`route_decisions`); a CS or assisted route reuses the
 * account's open handoff for the same plan instead of opening another.
 *
 * When the verified token, the config and the account's state are all cached (the steady
 * state) a self-serve answer is computed synchronously: each `await` would be another trip
 * through the microtask queue on the hottest route.
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
  const account = version && checkRequest(body, version.config) ? ctx.accounts.fresh(claims.sub) : undefined;
  if (version && account !== undefined) {
    request.waitUntil(ctx.rememberAccount(claims));
    return decide(ctx, request, { body, claims, config: version.config, state: account });
  }
  return (async () => {
    const { config } = version ?? (await ctx.config());
    checkRequest(body, config);
    request.waitUntil(ctx.rememberAccount(claims));
    const cached = ctx.accounts.fresh(claims.sub);
    const loaded = cached === undefined ? await ctx.accounts.peek(claims.sub) : cached;
    return decide(ctx, request, { body, claims, config, state: loaded });
  })();
}

const invalid = (path: string, message: string, allowed: readonly string[]) =>
  new HttpError(400, 'invalid_body', message, [
    { path, message: allowed.length ? `must be one of ${allowed.join(', ')}` : 'none is configured' },
  ]);

/**
 * @throws HttpError 400 when the plan is not in the config, a need is not one of `csNeeds`, or
 * the source is not a prompt of the config: a handoff carries only what CS can act on.
 */
function checkRequest(body: RouteBody, config: HeadroomConfig): true {
  if (!config.plans[body.plan])
    throw invalid('plan', `unknown plan "${body.plan}"`, Object.keys(config.plans));
  const { csNeeds } = config.routing;
  body.needs?.forEach((need, i) => {
    if (!csNeeds.includes(need)) throw invalid(`needs.${i}`, `unknown need "${need}"`, csNeeds);
  });
  if (body.source !== undefined && !config.prompts[body.source])
    throw invalid('source', `unknown prompt "${body.source}"`, Object.keys(config.prompts));
  return true;
}

function decide(
  ctx: EdgeContext,
  request: PlainRequest,
  { body, claims, config, state }: RouteInputs,
): PlainAnswer | Promise<PlainAnswer> {
  const now = ctx.now();
  const pqlAgeDays = state?.pqlSince == null ? null : Math.floor((now - state.pqlSince) / DAY_MS);
  const decision = decideRoute(
    {
      plan: body.plan,
      seats: body.seats,
      needs: body.needs,
      claims,
      pqlAgeDays,
      activeSignals: state?.fired.length ?? 0,
    },
    config,
  );
  const seats = body.seats ?? claims.seats;
  const values = { plan: body.plan, seats, accountId: claims.sub, userId: claims.uid };
  const { checkoutUrl, bookingUrl } = config.routing;
  const response: Record<string, unknown> = { ...decision };
  const needs = [...new Set(body.needs ?? [])].sort();
  const record = (handoffId: string | null) =>
    ctx.decisions.record({
      accountId: claims.sub,
      userId: claims.uid,
      plan: body.plan,
      seats,
      route: decision.route,
      reasons: decision.reasons,
      expansionAcv: decision.expansionAcv,
      source: body.source ?? null,
      needs,
      handoffId,
      decidedAt: now,
    });
  if (decision.route !== 'cs_assist' && checkoutUrl)
    response.checkoutUrl = fillUrlTemplate(checkoutUrl, values);
  if (decision.route === 'self_serve') {
    record(null);
    return { status: 200, body: response };
  }
  const payload = buildHandoffPayload({
    handoffId: crypto.randomUUID(),
    kind: 'route',
    account: {
      id: claims.sub,
      plan: claims.plan,
      segment: claims.segment,
      seats: claims.seats,
      acv: claims.acv,
    },
    userId: claims.uid,
    signals: signalsOf(state, { ...(claims.usage ?? {}) }),
    route: decision.route,
    reasons: decision.reasons,
    expansionAcv: decision.expansionAcv,
    request: { plan: body.plan, seats, needs, source: body.source ?? null },
    createdAt: now,
  });
  // One conversation per account and plan while a handoff is open: repeated clicks return it.
  return ctx
    .handoff(
      { scope: `route:${body.plan}`, dedupeKey: `route:${payload.handoffId}`, payload },
      request.waitUntil,
    )
    .then((handoff) => {
      record(handoff?.id ?? null);
      if (handoff) {
        response.handoff = {
          id: handoff.id,
          message: MESSAGES[decision.route as keyof typeof MESSAGES],
          // `{handoffId}` lets the booking page carry the reference CS sees in the handoff.
          ...(bookingUrl
            ? { bookingUrl: fillUrlTemplate(bookingUrl, { ...values, handoffId: handoff.id }) }
            : {}),
        };
      }
      return { status: 200, body: response };
    });
}
