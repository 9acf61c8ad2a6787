import { DAY_MS, lintConfig } from '@headroom/core';
import type { Context, Hono } from 'hono';
import * as z from 'zod/mini';
import { adminTokensOf } from '../admin-tokens.ts';
import { authenticateBearer } from '../authenticate-bearer.ts';
import { configEtag, conflictToHttp, publishPrecondition } from '../config-precondition.ts';
import type { EdgeContext } from '../edge-context.ts';
import { MIN_SIGNALS_FOR_A_HUMAN } from '../escalation.ts';
import { experimentResults } from '../experiment-results.ts';
import { HttpError } from '../http-error.ts';
import { readDraftConfig } from '../read-draft-config.ts';
import { bearer, readJson } from '../read-json.ts';
import { dateParam, readQuery } from '../read-query.ts';
import { refuseMixedTreatments } from '../refuse-mixed-treatments.ts';
import type { PqlStateRow } from '../storage/storage.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** The label of the admin token this request authenticated with (recorded on publishes). */
    adminLabel: string;
  }
}

/** What each funnel number means, shown by the console and the CLI. */
export const FUNNEL_DEFINITIONS = {
  fired:
    'accounts where the edge evaluated the trigger as fired in the window (from usage, gate hits, invites and traits; never browser claims)',
  shown: 'of those, accounts that reported showing a prompt for the trigger',
  clicked: 'of those, accounts that clicked it after it was shown',
  routed: 'of those, accounts the edge routed (POST /v1/route) after the click',
  completed: 'of those, accounts whose backend reported upgrade_completed after the route',
  routes: 'routing decisions the edge made in the window, by route (routedAccounts: distinct accounts)',
  direct: 'accounts routed in the window with no prompt click before their first route',
} as const;

/** What each holdout number means, shown by the console and the CLI. */
export const HOLDOUT_DEFINITIONS = {
  accounts:
    "eligible accounts whose first fire of the trigger in the window is at least outcomeDays old: held out (never shown the trigger's prompt, by hash of account and trigger) or exposed",
  expanded: 'of those, accounts whose backend reported upgrade_completed within outcomeDays after that fire',
  amount: "sum of those upgrades' amounts (amountSquares: of their squares, for the interval)",
  pending: 'first fires in the window younger than outcomeDays: not judged yet',
} as const;

// Publishing over an exposed experiment version's treatments is refused (409) unless acknowledged.
const acknowledgeMixedTreatments = z.optional(z.boolean());
export const publishSchema = z.object({
  config: z.unknown(),
  note: z.optional(z.string().check(z.maxLength(500))),
  acknowledgeMixedTreatments,
});
// Versions are Postgres integers: anything larger can't exist and must not reach the query.
export const rollbackSchema = z.object({
  version: z.int().check(z.gte(1), z.lte(2_147_483_647)),
  acknowledgeMixedTreatments,
});

const exportQuery = (now: () => number) =>
  z.object({ since: z.optional(dateParam(now)), format: z.optional(z.literal('ndjson')) });

function intParam(c: Context, name: string, fallback: number, min: number, max: number): number {
  const raw = c.req.query(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new HttpError(400, 'invalid_query', `${name} must be an integer from ${min} to ${max}`, [
      { path: name, message: `must be an integer from ${min} to ${max}` },
    ]);
  }
  return n;
}

/** The admin API under `/v1/admin`, behind the admin bearer token. */
export function adminRoutes(app: Hono, ctx: EdgeContext): void {
  const tokens = adminTokensOf(ctx.options);
  app.use('/v1/admin/*', async (c, next) => {
    if (tokens.length === 0)
      throw new HttpError(404, 'not_found', 'the admin API is not enabled (HEADROOM_ADMIN_TOKEN)');
    c.set('adminLabel', await authenticateBearer(ctx, c.get('request').ip, bearer(c), tokens, 'admin token'));
    c.header('Cache-Control', 'no-store');
    // Reports include every batch this instance acknowledged: evaluations and decisions pending.
    if (c.req.method === 'GET') await Promise.all([ctx.accounts.settle(), ctx.decisions.flush()]);
    await next();
  });

  // From the store, not the instance's config cache: the ETag is what a publish must match, and
  // a publish is checked against what is live now.
  const liveConfig = async () => (await ctx.storage.latestConfig()) ?? (await ctx.config());

  app.get('/v1/admin/experiments', async (c) => {
    const { config } = await ctx.config();
    return c.json({ experiments: await experimentResults(ctx.storage, config) });
  });

  app.get('/v1/admin/funnel', async (c) => {
    const days = intParam(c, 'days', 90, 1, 3650);
    const since = ctx.now() - days * DAY_MS;
    const funnel = await ctx.storage.funnel(since);
    return c.json({ since: new Date(since).toISOString(), ...funnel, definitions: FUNNEL_DEFINITIONS });
  });

  app.get('/v1/admin/holdouts', async (c) => {
    const days = intParam(c, 'days', 365, 1, 3650);
    const outcomeDays = intParam(c, 'outcomeDays', 60, 1, 365);
    const now = ctx.now();
    const since = now - days * DAY_MS;
    const judgedBefore = now - outcomeDays * DAY_MS;
    const [{ config }, groups] = await Promise.all([
      ctx.config(),
      ctx.storage.holdoutGroups(since, judgedBefore, outcomeDays),
    ]);
    const arm = (triggerId: string, heldOut: boolean) => {
      const row = groups.find((g) => g.triggerId === triggerId && g.heldOut === heldOut);
      return {
        accounts: row?.accounts ?? 0,
        expanded: row?.expanded ?? 0,
        amount: row?.amount ?? 0,
        amountSquares: row?.amountSquares ?? 0,
        pending: row?.pending ?? 0,
      };
    };
    // Every trigger the live config holds out, then any other with held-out episodes on record.
    const ids = [
      ...config.triggers.filter((t) => t.holdout !== undefined).map((t) => t.id),
      ...groups.filter((g) => g.heldOut).map((g) => g.triggerId),
    ];
    return c.json({
      since: new Date(since).toISOString(),
      judgedBefore: new Date(judgedBefore).toISOString(),
      outcomeDays,
      triggers: [...new Set(ids)].map((triggerId) => ({
        triggerId,
        holdout: config.triggers.find((t) => t.id === triggerId)?.holdout ?? null,
        exposed: arm(triggerId, false),
        heldOut: arm(triggerId, true),
      })),
      definitions: HOLDOUT_DEFINITIONS,
    });
  });

  // The figures every expansion metric is computed from (`expansionMetrics` in
  // @headroom/insights defines the metrics), by week, segment and trigger.
  app.get('/v1/admin/expansion', async (c) => {
    const days = intParam(c, 'days', 180, 1, 3650);
    const outcomeDays = intParam(c, 'outcomeDays', 60, 1, 365);
    const assistDays = intParam(c, 'assistDays', 60, 1, 365);
    const now = ctx.now();
    const since = now - days * DAY_MS;
    const judgedBefore = now - outcomeDays * DAY_MS;
    const figures = await ctx.storage.expansionFigures(since, judgedBefore, outcomeDays, assistDays);
    const iso = (ms: number) => new Date(ms).toISOString();
    return c.json({
      since: iso(since),
      until: iso(now),
      judgedBefore: iso(judgedBefore),
      days,
      outcomeDays,
      assistDays,
      total: figures.total,
      weeks: Object.entries(figures.weeks)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([week, slice]) => ({ week, ...slice })),
      segments: figures.segments,
      triggers: figures.triggers,
    });
  });

  app.get('/v1/admin/handoffs', async (c) => {
    const limit = intParam(c, 'limit', 200, 1, 1000);
    return c.json({ handoffs: await ctx.storage.handoffs(limit) });
  });

  app.get('/v1/admin/pqls', async (c) => {
    const limit = intParam(c, 'limit', 5000, 1, 50_000);
    const [pqls, suppressed] = await Promise.all([
      ctx.storage.pqlStates(limit),
      ctx.storage.suppressedStates(limit),
    ]);
    const row = (s: PqlStateRow) => ({
      accountId: s.accountId,
      plan: s.plan,
      segment: s.segment,
      activeTriggers: s.fired,
      signals: s.fired.length,
      potentialExpansionAcv: s.potentialAcv,
      reasons: s.firedReasons,
      evaluatedAt: new Date(s.evaluatedAt).toISOString(),
    });
    return c.json({
      // Eligible accounts in a PQL episode, by the edge's own evaluation.
      accounts: pqls.map((s) => ({
        ...row(s),
        firstPqlAt: new Date(s.pqlSince ?? s.evaluatedAt).toISOString(),
        unknown: s.unknown,
        // The playbooks' bands: < 3 signals stays in the product; ≥ escalateAtSignals goes to CS.
        reachesHuman: s.fired.length >= MIN_SIGNALS_FOR_A_HUMAN,
      })),
      // Accounts whose triggers fire but that nobody may pitch, and why.
      suppressed: suppressed.map((s) => ({ ...row(s), suppressedBecause: s.reasons, unknown: s.unknown })),
    });
  });

  app.get('/v1/admin/config', async (c) => {
    const [current, versions] = await Promise.all([liveConfig(), ctx.storage.configVersions()]);
    c.header('ETag', configEtag(current.version));
    return c.json({ current, versions });
  });

  app.put('/v1/admin/config', async (c) => {
    const ifVersion = publishPrecondition(ctx, c.req.header('if-match'));
    const body = await readJson(c, publishSchema);
    const config = readDraftConfig(body.config);
    if (!body.acknowledgeMixedTreatments)
      await refuseMixedTreatments(ctx.storage, (await liveConfig()).config, config);
    const version = await ctx.storage
      .publishConfig(config, body.note, ctx.now(), ifVersion, c.get('adminLabel'))
      .catch(conflictToHttp);
    ctx.invalidateConfig();
    ctx.log({ level: 'info', msg: 'config published', version });
    c.header('ETag', configEtag(version));
    // Valid but probably wrong (an unused prompt, a ratio of 8): published, and said so.
    const warnings = lintConfig(config).map((w) => ({ ...w, path: `config.${w.path}` }));
    return c.json(warnings.length > 0 ? { version, warnings } : { version }, 201);
  });

  app.get('/v1/admin/config/versions/:version', async (c) => {
    // One stored version with its config, for the console to compare any two.
    const version = Number(c.req.param('version'));
    if (!Number.isInteger(version) || version < 1 || version > 2_147_483_647) {
      throw new HttpError(400, 'invalid_version', 'version must be an integer from 1', [
        { path: 'version', message: 'must be an integer from 1 to 2147483647' },
      ]);
    }
    const found = await ctx.storage.configVersion(version);
    if (!found) throw new HttpError(404, 'not_found', `config version ${version} does not exist`);
    return c.json(found);
  });

  app.post('/v1/admin/config/rollback', async (c) => {
    const ifVersion = publishPrecondition(ctx, c.req.header('if-match'));
    const body = await readJson(c, rollbackSchema);
    const old = await ctx.storage.configVersion(body.version);
    if (!old) throw new HttpError(404, 'not_found', `config version ${body.version} does not exist`);
    if (!body.acknowledgeMixedTreatments)
      await refuseMixedTreatments(ctx.storage, (await liveConfig()).config, old.config);
    const version = await ctx.storage
      .publishConfig(
        old.config,
        `rollback to version ${body.version}`,
        ctx.now(),
        ifVersion,
        c.get('adminLabel'),
      )
      .catch(conflictToHttp);
    c.header('ETag', configEtag(version));
    ctx.invalidateConfig();
    ctx.log({ level: 'info', msg: 'config rolled back', version, from: body.version });
    return c.json({ version }, 201);
  });

  if (ctx.options.configTools) ctx.options.configTools.mount(app, ctx);
  else
    app.on('POST', ['/v1/admin/config/impact', '/v1/admin/backtest'], () => {
      throw new HttpError(
        501,
        'not_enabled',
        'no config tools here: pass configTools (@headroom/edge/config-tools)',
      );
    });

  app.get('/v1/admin/events', (c) => {
    const { since = 0 } = readQuery(c, exportQuery(ctx.now));
    const encoder = new TextEncoder();
    const pages = ctx.storage.exportEvents(since)[Symbol.asyncIterator]();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const page = await pages.next();
          if (page.done) {
            controller.close();
            return;
          }
          // One HeadroomEvent per line, with the stored identity and provenance on top.
          const lines = page.value.map((e) =>
            JSON.stringify({
              ...e.payload,
              accountId: e.accountId,
              ...(e.userId === null ? {} : { userId: e.userId }),
              ts: e.ts,
              source: e.source,
              receivedAt: e.receivedAt,
            }),
          );
          controller.enqueue(encoder.encode(`${lines.join('\n')}\n`));
        } catch (error) {
          ctx.log({ level: 'error', msg: 'event export failed', error: String(error) });
          controller.error(error);
        }
      },
      async cancel() {
        await pages.return?.();
      },
    });
    return c.body(stream, 200, { 'Content-Type': 'application/x-ndjson; charset=utf-8' });
  });
}
