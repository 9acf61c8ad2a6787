import { HeadroomConfigError } from '@headroom/core';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createEdgeContext } from './edge-context.ts';
import type { EdgeOptions } from './edge-options.ts';
import type { HandoffDelivery } from './handoff-delivery.ts';
import { HttpError } from './http-error.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { eventsRoutes } from './routes/events-route.ts';
import { publicRoutes } from './routes/public-routes.ts';
import { routeRoute } from './routes/route-route.ts';

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 64 * 1024;

declare module 'hono' {
  interface ContextVariableMap {
    accountId: string;
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
}

const CORS_HEADERS = 'authorization, content-type, if-none-match';

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

  app.onError((error, c) => {
    if (error instanceof HttpError) {
      if (error.headers) for (const [k, v] of Object.entries(error.headers)) c.header(k, v);
      return c.json(error.toJSON(), error.status);
    }
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

  // One JSON log line per request; errors are logged again with their stack by onError.
  app.use(async (c, next) => {
    const start = performance.now();
    const requestId = `${(ctx.now() % 1e10).toString(36)}-${(++requestSeq).toString(36)}`;
    await next();
    c.header('X-Request-Id', requestId);
    const status = c.res.status;
    ctx.log({
      level: status >= 500 ? 'error' : 'info',
      msg: 'request',
      requestId,
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - start) * 100) / 100,
      ip: ctx.options.clientIp?.(c.req.raw, c.env),
      accountId: c.get('accountId'),
    });
  });

  // CORS allowlist: a browser request from an origin not on the list gets 403.
  app.use('/v1/*', async (c, next) => {
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      const self = new URL(c.req.url).origin;
      const ok = allowed === '*' || origin === self || allowed.includes(origin);
      if (!ok)
        throw new HttpError(403, 'origin_not_allowed', `origin ${origin.slice(0, 200)} is not allowed`);
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Vary', 'Origin', { append: true });
      c.header('Access-Control-Expose-Headers', 'ETag, Retry-After, X-Request-Id');
      if (c.req.method === 'OPTIONS') {
        c.header('Access-Control-Allow-Methods', 'GET, POST, PUT, OPTIONS');
        c.header('Access-Control-Allow-Headers', CORS_HEADERS);
        c.header('Access-Control-Max-Age', '600');
        return c.body(null, 204);
      }
    } else if (c.req.method === 'OPTIONS') {
      return c.body(null, 204);
    }
    await next();
    return undefined;
  });

  app.use('/v1/*', async (c, next) => {
    const wait = ctx.ipLimiter?.take(options.clientIp?.(c.req.raw, c.env) ?? 'unknown', ctx.now()) ?? 0;
    if (wait > 0) {
      throw new HttpError(429, 'rate_limited', 'too many requests from this address', undefined, {
        'Retry-After': String(wait),
      });
    }
    await ctx.ready;
    await next();
  });

  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new HttpError(413, 'too_large', `request body is larger than ${MAX_BODY_BYTES} bytes`);
      },
    }),
  );

  publicRoutes(app, ctx);
  eventsRoutes(app, ctx);
  routeRoute(app, ctx);
  adminRoutes(app, ctx);

  return {
    fetch: (request, env, executionCtx) =>
      Promise.resolve(app.fetch(request, env, executionCtx as Parameters<typeof app.fetch>[2])),
    ready: ctx.ready,
    outbox: ctx.outbox,
  };
}
