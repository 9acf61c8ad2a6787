import { HeadroomConfigError } from '@headroom/core';
import { type Context, Hono } from 'hono';
import { createEdgeContext } from './edge-context.ts';
import type { EdgeOptions } from './edge-options.ts';
import type { HandoffDelivery } from './handoff-delivery.ts';
import { HttpError } from './http-error.ts';
import { MAX_BODY_BYTES } from './read-json.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { eventsRoutes } from './routes/events-route.ts';
import { publicRoutes } from './routes/public-routes.ts';
import { routeRoute } from './routes/route-route.ts';

declare module 'hono' {
  interface ContextVariableMap {
    accountId: string;
    /** Headers the middleware has not applied yet, for `jsonResponse` (hot routes only). */
    responseHeaders: Record<string, string> | undefined;
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
  /** Hono's test helper: `await app.request('/v1/config')` or with a `Request`/init. */
  request(input: string | Request | URL, init?: RequestInit): Promise<Response>;
}

const CORS_HEADERS = 'authorization, content-type, if-none-match';

// Routes that answer through `jsonResponse`: their middleware headers are handed over as a
// plain object instead of being set on Hono's `Headers` before the handler runs.
const PLAIN_HEADER_ROUTES = new Set(['POST /v1/route']);

/** Sets a response header now, or records it for `jsonResponse` when the route takes them plain. */
function setHeader(c: Context, name: string, value: string, append = false): void {
  const pending = c.get('responseHeaders');
  if (pending === undefined) {
    c.header(name, value, { append });
    return;
  }
  const key = name.toLowerCase();
  const current = pending[key];
  pending[key] = append && current !== undefined ? `${current}, ${value}` : value;
}

/** Applies headers still pending (an early answer, an error, a handler not using `jsonResponse`). */
function applyPending(c: Context): void {
  const pending = c.get('responseHeaders');
  if (pending === undefined) return;
  c.set('responseHeaders', undefined);
  for (const name in pending) c.header(name, pending[name], { append: name === 'vary' });
}

function errorResponse(c: Context, error: HttpError): Response {
  if (error.headers) for (const [k, v] of Object.entries(error.headers)) c.header(k, v);
  return c.json(error.toJSON(), error.status);
}

/**
 * Creates the edge app over injected storage, secret and config.
 * @example
 * const app = createEdgeApp({ storage: await createPgliteStorage('.headroom/db'), secret, config });
 * serve({ fetch: app.fetch, port: 8787 });
 */
export function createEdgeApp(options: EdgeOptions): EdgeApp {
  const ctx = createEdgeContext(options);
  const app = new Hono();
  const allowed = options.allowedOrigins ?? '*';
  let requestSeq = 0;
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
    if (error instanceof HeadroomConfigError) {
      // The configured initial config is broken: an operator error, not the caller's.
      ctx.log({ level: 'error', msg: 'initial config invalid', error: error.message });
      return c.json(
        { error: { code: 'config_invalid', message: 'the server configuration is invalid' } },
        503,
      );
    }
    ctx.log({
      level: 'error',
      msg: 'unhandled error (bug)',
      method: c.req.method,
      path: c.req.path,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'no such route' } }, 404));

  // One middleware for every request (each extra async layer costs on the hot path): request
  // id, CORS allowlist, per-IP rate limit, declared body size, then one JSON log line.
  // Headers are set before the handler runs: touching them afterwards would force the Node
  // adapter to rebuild its lightweight Response.
  app.use(async (c, next) => {
    const start = performance.now();
    const requestId = `${(ctx.now() % 1e10).toString(36)}-${(++requestSeq).toString(36)}`;
    if (PLAIN_HEADER_ROUTES.has(`${c.req.method} ${c.req.path}`)) c.set('responseHeaders', {});
    setHeader(c, 'X-Request-Id', requestId);
    const ip = options.clientIp?.(c.req.raw, c.env);
    try {
      if (c.req.path.startsWith('/v1/')) {
        let early: Response | undefined;
        try {
          early = guard(c, ip);
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
      await next();
    } finally {
      applyPending(c);
      const status = c.res.status;
      ctx.log({
        level: status >= 500 ? 'error' : 'info',
        msg: 'request',
        requestId,
        method: c.req.method,
        path: c.req.path,
        status,
        ms: Math.round((performance.now() - start) * 100) / 100,
        ip,
        accountId: c.get('accountId'),
      });
    }
    return undefined;
  });

  function guard(c: Context, ip: string | undefined): Response | undefined {
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      const ok = allowed === '*' || allowed.includes(origin) || origin === new URL(c.req.url).origin;
      if (!ok)
        throw new HttpError(403, 'origin_not_allowed', `origin ${origin.slice(0, 200)} is not allowed`);
      setHeader(c, 'Access-Control-Allow-Origin', origin);
      setHeader(c, 'Vary', 'Origin', true);
      setHeader(c, 'Access-Control-Expose-Headers', 'ETag, Retry-After, X-Request-Id');
      if (c.req.method === 'OPTIONS') {
        c.header('Access-Control-Allow-Methods', 'GET, POST, PUT, OPTIONS');
        // Echo what the browser asks for when it is a plain header list (the SDK may add its own).
        const asked = c.req.header('access-control-request-headers');
        c.header(
          'Access-Control-Allow-Headers',
          asked && asked.length < 500 && /^[\w-]+(\s*,\s*[\w-]+)*$/.test(asked) ? asked : CORS_HEADERS,
        );
        c.header('Access-Control-Max-Age', '600');
        return c.body(null, 204);
      }
    } else if (c.req.method === 'OPTIONS') {
      return c.body(null, 204);
    }
    const wait = ctx.ipLimiter?.take(ip ?? 'unknown', ctx.now()) ?? 0;
    if (wait > 0) {
      throw new HttpError(429, 'rate_limited', 'too many requests from this address', undefined, {
        'Retry-After': String(wait),
      });
    }
    // A declared oversize body is refused before any handler runs; undeclared ones are
    // capped while being read (readBodyText).
    if (Number(c.req.header('content-length') ?? 0) > MAX_BODY_BYTES) {
      throw new HttpError(413, 'too_large', `request body is larger than ${MAX_BODY_BYTES} bytes`);
    }
    return undefined;
  }

  publicRoutes(app, ctx);
  eventsRoutes(app, ctx);
  routeRoute(app, ctx);
  adminRoutes(app, ctx);

  return {
    fetch: (request, env, executionCtx) =>
      Promise.resolve(app.fetch(request, env, executionCtx as Parameters<typeof app.fetch>[2])),
    ready: ctx.ready,
    outbox: ctx.outbox,
    request: async (input, init) => app.request(input, init),
  };
}
