import { DAY_MS } from '@headroom/core';
import type { Hono } from 'hono';
import type { EdgeContext } from '../edge-context.ts';
import { edgeResultsOf, forecastsOf } from '../edge-results.ts';
import { signalsOf } from '../escalation.ts';
import { HttpError } from '../http-error.ts';
import { bearer } from '../read-json.ts';

const HISTORY_DAYS = 90;

/** `GET /v1/config`, `GET /v1/account`, `GET /v1/openapi.json` and `GET /healthz`. */
export function publicRoutes(app: Hono, ctx: EdgeContext): void {
  app.get('/v1/config', async (c) => {
    const { version, config } = await ctx.config();
    const etag = `"hr-config-${version}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', 'public, max-age=60, stale-while-revalidate=600');
    const ifNoneMatch = c.req.header('if-none-match');
    if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))
      return c.body(null, 304);
    return c.json(config);
  });

  app.get('/v1/account', async (c) => {
    const token = bearer(c);
    if (token === undefined) throw new HttpError(401, 'invalid_token', 'missing bearer account token');
    const claims = await ctx.verify(token);
    c.get('request').accountId = claims.sub;
    ctx.takeAccount(claims.sub);
    const now = ctx.now();
    if (await ctx.rememberAccount(claims)) ctx.accounts.schedule(claims.sub);
    await ctx.accounts.settle(claims.sub);
    const [history, state, { config }] = await Promise.all([
      ctx.storage.accountHistory(claims.sub, claims.uid, now - HISTORY_DAYS * DAY_MS),
      ctx.accounts.get(claims.sub),
      ctx.config(),
    ]);
    // Only the config's meters: a browser could report usage under any name, even `__proto__`.
    const meterHistory = Object.fromEntries(
      Object.entries(history.meterHistory).filter(([meter]) => Object.hasOwn(config.meters, meter)),
    );
    c.header('Cache-Control', 'private, max-age=60');
    c.header('Vary', 'Authorization');
    const { firstPqlAt, activeTriggers } = signalsOf(state);
    return c.json({
      accountId: claims.sub,
      gateHits: history.gateHits,
      invites: history.invites,
      // Daily peaks by every user and the backend: sustained-pressure triggers in the browser
      // see the account's history, not just this browser's.
      meterHistory,
      firstPqlAt,
      activeTriggers,
      // Results of the kinds only the edge evaluates (forecasts, event counts, traits, power
      // users, adoption), and per meter the day its trend reaches the limit, for the usage bar.
      edgeTriggers: edgeResultsOf(state),
      forecasts: forecastsOf(state),
      usage: { ...(claims.usage ?? {}), ...history.usage },
      eligibility: state
        ? { eligible: state.eligible, reasons: state.reasons, unknown: state.unknown }
        : null,
    });
  });

  app.get('/v1/openapi.json', async (c) => {
    const document = await ctx.options.openapi?.();
    if (!document) throw new HttpError(404, 'not_found', 'no OpenAPI document is served here');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(document as object);
  });

  app.get('/healthz', async (c) => {
    try {
      await ctx.storage.ping();
      return c.json({ ok: true, storage: 'ok' });
    } catch (error) {
      ctx.log({ level: 'error', msg: 'storage check failed', error: String(error) });
      return c.json({ ok: false, storage: 'unavailable' }, 503);
    }
  });
}
