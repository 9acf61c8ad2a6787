import type { Hono } from 'hono';
import * as z from 'zod/mini';
import { type BacktestLine, configBacktest } from '../config-backtest.ts';
import { configImpact } from '../config-impact.ts';
import type { EdgeContext } from '../edge-context.ts';
import { HttpError } from '../http-error.ts';
import { readDraftConfig } from '../read-draft-config.ts';
import { readJson } from '../read-json.ts';

const impactSchema = z.object({
  config: z.unknown(),
  maxAccounts: z.optional(z.int().check(z.gte(1), z.lte(1_000_000))),
});
const backtestSchema = z.object({
  config: z.unknown(),
  lookbackDays: z.optional(z.int().check(z.gte(1), z.lte(3650))),
  outcomeDays: z.optional(z.int().check(z.gte(1), z.lte(3650))),
  /** Days without a fire that end a fire episode (0: every firing day is one). */
  quietDays: z.optional(z.int().check(z.gte(0), z.lte(3650))),
});

/** Backtests one instance runs at once: each holds per-account state for the whole history. */
const MAX_RUNNING_BACKTESTS = 2;

/**
 * The publish step's previews of a draft config, behind the admin token:
 * `POST /v1/admin/config/impact` (who would newly see or stop seeing each prompt, how PQL routes
 * shift) and `POST /v1/admin/backtest` (the draft's and the live config's triggers over the
 * stored history, streamed as NDJSON: `start`, `progress`…, then `result` or `error`; closing
 * the response cancels the run).
 */
export function configToolRoutes(app: Hono, ctx: EdgeContext): void {
  let running = 0;
  const live = async () => (await ctx.storage.latestConfig()) ?? (await ctx.config());

  app.post('/v1/admin/config/impact', async (c) => {
    const body = await readJson(c, impactSchema);
    const draft = readDraftConfig(body.config);
    // Evaluations pending from acknowledged batches first, as the reports do.
    await ctx.accounts.settle();
    const current = await live();
    return c.json(
      await configImpact(
        ctx.storage,
        { config: current.config, version: current.version },
        draft,
        ctx.now(),
        body.maxAccounts,
      ),
    );
  });

  app.post('/v1/admin/backtest', async (c) => {
    const body = await readJson(c, backtestSchema);
    const draft = readDraftConfig(body.config);
    if (running >= MAX_RUNNING_BACKTESTS)
      throw new HttpError(
        429,
        'rate_limited',
        'backtests are already running on this instance: retry later',
        undefined,
        {
          'Retry-After': '10',
        },
      );
    const current = await live();
    const abort = new AbortController();
    const encoder = new TextEncoder();
    running++;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      running--;
    };
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (line: BacktestLine) => {
          if (!abort.signal.aborted) controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        };
        const started = Date.now();
        let totalEvents = 0;
        try {
          const run = await configBacktest(ctx.storage, {
            live: current.config,
            draft,
            lookbackDays: body.lookbackDays,
            outcomeDays: body.outcomeDays,
            quietDays: body.quietDays,
            signal: abort.signal,
            onProgress: (events) => send({ type: 'progress', events, totalEvents }),
          });
          totalEvents = run.totalEvents;
          send({ type: 'start', totalEvents });
          const result = await run.result;
          send({ type: 'result', ...result });
          ctx.log({
            level: 'info',
            msg: 'backtest finished',
            events: result.events,
            ms: Date.now() - started,
          });
        } catch (error) {
          if (abort.signal.aborted) {
            ctx.log({ level: 'info', msg: 'backtest cancelled', ms: Date.now() - started });
          } else {
            ctx.log({ level: 'error', msg: 'backtest failed', error: String(error) });
            send({ type: 'error', message: 'the backtest failed; see the edge log' });
          }
        } finally {
          finish();
          if (!abort.signal.aborted) controller.close();
        }
      },
      cancel() {
        // The client closed the response: stop reading events.
        abort.abort(new Error('backtest cancelled'));
        finish();
      },
    });
    return c.body(stream, 200, { 'Content-Type': 'application/x-ndjson; charset=utf-8' });
  });
}
