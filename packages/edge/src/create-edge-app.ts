import { type Context, Hono } from 'hono';
import { assertStrongSecrets } from './assert-strong-secrets.ts';
import { createEdgeContext } from './edge-context.ts';
import { EDGE_INTERNALS, type EdgeInternals } from './edge-internals.ts';
import type { EdgeOptions } from './edge-options.ts';
import { DEFAULT_RETENTION_DAYS } from './event-admission.ts';
import type { HandoffDelivery } from './handoff-delivery.ts';
import { HttpError } from './http-error.ts';
import type { PlainRequest, PlainRoute, PlainRoutes, RequestState } from './plain-route.ts';
import { pruneBrowserEvents } from './prune-events.ts';
import { readBodyText } from './read-json.ts';
import { createRequestPipeline } from './request-pipeline.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { ingestBrowserEvents, serverEventsRoute } from './routes/events-route.ts';
import { publicRoutes } from './routes/public-routes.ts';
import { routeUpgrade } from './routes/route-route.ts';
import { serverAccountsRoute } from './routes/server-accounts-route.ts';
import { waitUntilOf } from './routes/wait-until.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** The pipeline's state of this request (request id, pending headers, account). */
    request: RequestState;
  }
}

/** The edge endpoint: a Web-standard fetch handler plus its outbox worker. */
export interface EdgeApp {
  /** Handles one request (Node server, Workers, Deno, Bun, tests). */
  fetch(request: Request, env?: unknown, executionCtx?: unknown): Promise<Response>;
  /** Resolves once the key is imported and the initial config is published; rejects on a bad config. */
  ready: Promise<void>;
  /** Handoff delivery to the webhook. */
  outbox: HandoffDelivery;
  /**
   * Re-evaluates up to `limit` accounts whose state is older than an hour or from an older
   * config (time alone moves windows, activation age and PQL age); escalates where due.
   * The Node server runs it every minute; on other runtimes, call it from a scheduled job.
   * Resolves the number of accounts evaluated.
   */
  sweepAccounts(limit?: number): Promise<number>;
  /**
   * Deletes browser events older than `eventRetentionDays` (whole UTC days), at most `limit`
   * (default 10,000), oldest first in batches; aggregates, fire episodes, decisions and server
   * events stay. The Node server runs it with the sweep; on other runtimes, call it from a
   * scheduled job. Resolves the number deleted.
   */
  pruneEvents(limit?: number): Promise<number>;
  /**
   * Writes buffered routing decisions and runs pending account evaluations (the Node server
   * calls it on shutdown; tests call it before reading the store directly).
   */
  flush(): Promise<void>;
  /** Hono's test helper: `await app.request('/v1/config')` or with a `Request`/init. */
  request(input: string | Request | URL, init?: RequestInit): Promise<Response>;
}

// The SDK-facing hot routes, written against `PlainRequest`: Hono mounts them on every
// runtime, and the Node server runs them straight on `node:http` (see node/fast-path.ts).
const PLAIN_ROUTES: PlainRoutes = new Map<string, PlainRoute>([
  ['POST /v1/route', routeUpgrade],
  ['POST /v1/events', ingestBrowserEvents],
]);

/** Applies the headers gathered so far, unless a plain route's answer already carries them. */
function applyPending(c: Context): void {
  const state = c.get('request');
  if (state === undefined || applied.has(state)) return;
  applied.add(state);
  for (const name in state.headers) c.header(name, state.headers[name], { append: name === 'vary' });
}
const applied = new WeakSet<RequestState>();

function errorResponse(c: Context, error: HttpError): Response {
  if (error.headers) for (const [k, v] of Object.entries(error.headers)) c.header(k, v);
  return c.json(error.toJSON(), error.status);
}

/** A Hono request seen as a `PlainRequest`. */
function plainRequest(c: Context): PlainRequest {
  return {
    method: c.req.method,
    path: c.req.path,
    header: (name) => c.req.header(name),
    text: () => readBodyText(c),
    waitUntil: waitUntilOf(c),
  };
}

/**
 * Creates the edge app over injected storage, secret and config.
 * @throws WeakSecretError when a secret is shorter than 32 bytes outside `development` mode
 * @example
 * const app = createEdgeApp({ storage: await createPgliteStorage('.headroom/db'), secret, config });
 * serve({ fetch: app.fetch, port: 8787 });
 */
export function createEdgeApp(options: EdgeOptions): EdgeApp {
  assertStrongSecrets(options);
  const ctx = createEdgeContext(options);
  const app = new Hono();
  const pipeline = createRequestPipeline(ctx, options.allowedOrigins ?? '*');
  // Once the key and initial config are in, requests skip the await on `ready`.
  let isReady = false;
  ctx.ready.then(
    () => {
      isReady = true;
    },
    () => {},
  );

  app.onError((error, c) => {
    // Before the error response exists, so pending headers don't force a rebuild of it.
    applyPending(c);
    if (error instanceof HttpError) return errorResponse(c, error);
    const answer = pipeline.fail(
      c.get('request') ?? pipeline.begin(undefined),
      error,
      c.req.method,
      c.req.path,
    );
    return c.body(answer.body, answer.status as 500, { 'content-type': 'application/json' });
  });
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'no such route' } }, 404));

  // One middleware for every request (each extra async layer costs on the hot path): the
  // pipeline's request id, CORS allowlist, per-IP rate limit and declared body size, then one
  // JSON log line. Headers are set before the handler runs (touching them afterwards would
  // force the Node adapter to rebuild its lightweight Response); plain routes carry them in
  // their own answer instead.
  app.use(async (c, next) => {
    const state = pipeline.begin(options.clientIp?.(c.req.raw, c.env));
    c.set('request', state);
    const { method, path } = c.req;
    const plain = PLAIN_ROUTES.has(`${method} ${path}`);
    try {
      if (path.startsWith('/v1/')) {
        let early: Response | undefined;
        try {
          const preflight = pipeline.guard(state, method, {
            header: (name) => c.req.header(name),
            selfOrigin: () => new URL(c.req.url).origin,
          });
          if (preflight) {
            applyPending(c);
            for (const name in preflight) c.header(name, preflight[name]);
            early = c.body(null, 204);
          }
        } catch (error) {
          // Answered here rather than thrown, so the log line below sees the real status.
          if (!(error instanceof HttpError)) throw error;
          applyPending(c);
          early = errorResponse(c, error);
        }
        if (early) {
          c.res = early;
          return early;
        }
        if (!isReady) await ctx.ready;
      }
      if (!plain) applyPending(c);
      await next();
    } finally {
      applyPending(c);
      pipeline.finish(state, method, path, c.res.status);
    }
    return undefined;
  });

  for (const [key, route] of PLAIN_ROUTES) {
    const [method, path] = key.split(' ') as [string, string];
    app.on(method, path, async (c) => {
      const state = c.get('request');
      const answer = await route(ctx, plainRequest(c), state);
      applied.add(state);
      // Plain-object headers: the Node adapter writes them without a `Headers` instance.
      return new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': 'application/json', ...state.headers },
      });
    });
  }
  publicRoutes(app, ctx);
  serverEventsRoute(app, ctx);
  serverAccountsRoute(app, ctx);
  adminRoutes(app, ctx);

  const internals: EdgeInternals = { ctx, pipeline, routes: PLAIN_ROUTES, isReady: () => isReady };
  const edgeApp: EdgeApp = {
    fetch: (request, env, executionCtx) =>
      Promise.resolve(app.fetch(request, env, executionCtx as Parameters<typeof app.fetch>[2])),
    ready: ctx.ready,
    outbox: ctx.outbox,
    sweepAccounts: async (limit) => (await ctx.accounts.sweep(limit)).length,
    pruneEvents: (limit = 10_000) =>
      pruneBrowserEvents(
        ctx.storage,
        ctx.now(),
        ctx.options.eventRetentionDays ?? DEFAULT_RETENTION_DAYS,
        limit,
      ),
    flush: async () => {
      await ctx.accounts.settle();
      await ctx.decisions.flush();
    },
    request: async (input, init) => app.request(input, init),
  };
  // Hidden (non-enumerable, symbol-keyed): only the Node server's fast path reads it.
  Object.defineProperty(edgeApp, EDGE_INTERNALS, { value: internals });
  return edgeApp;
}
