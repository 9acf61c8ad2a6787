import { DAY_MS, decideRoute } from '@headroom/core';
import * as z from 'zod/mini';
import { fillUrlTemplate } from '../fill-url-template.ts';
import { buildHandoffPayload } from '../handoff-payload.ts';
import { HttpError } from '../http-error.ts';
import type { PlainRoute } from '../plain-route.ts';
import { parseJsonBody } from '../read-json.ts';

const name = z.string().check(z.minLength(1), z.maxLength(128));
const routeBodySchema = z.object({
  token: z.string(),
  plan: name,
  seats: z.optional(z.int().check(z.gte(1), z.lte(10_000_000))),
  needs: z.optional(z.array(name).check(z.maxLength(20))),
  source: z.optional(name),
});

const MESSAGES = {
  cs_assist: 'A member of our team will reach out within one business day to set this up with you.',
  self_serve_with_assist: 'You can check out right away, or talk to us first if you have questions.',
} as const;

/**
 * `POST /v1/route`: decides the upgrade route. ACV, segment, seats, plan and account id come
 * only from the verified token; the body only says what the user asked for.
 */
export const routeUpgrade: PlainRoute = async (ctx, request, state) => {
  const body = parseJsonBody(await request.text(), routeBodySchema);
  // Cached values are taken without an await: each one is a trip through the microtask queue.
  const claims = ctx.verifiedClaims(body.token) ?? (await ctx.verify(body.token));
  state.accountId = claims.sub;
  ctx.takeAccount(claims.sub);
  const { config } = ctx.freshConfig() ?? (await ctx.config());
  if (!config.plans[body.plan]) {
    throw new HttpError(400, 'invalid_body', `unknown plan "${body.plan}"`, [
      { path: 'plan', message: `must be one of ${Object.keys(config.plans).join(', ')}` },
    ]);
  }
  ctx.rememberAccount(claims, request.waitUntil);
  const signals = ctx.freshSignals(claims.sub) ?? (await ctx.signals(claims.sub));
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
  if (decision.route !== 'self_serve') {
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
    const id = await ctx.handoff(key, payload, request.waitUntil);
    response.handoff = {
      id,
      message: MESSAGES[decision.route],
      ...(bookingUrl ? { bookingUrl: fillUrlTemplate(bookingUrl, values) } : {}),
    };
  }
  return { status: 200, body: response };
};
