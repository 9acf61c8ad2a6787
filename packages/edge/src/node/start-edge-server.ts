import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { compile } from 'zod/mini';
import { clientIp, trustedProxyCount } from '../client-ip.ts';
import type { EdgeApp } from '../create-edge-app.ts';
import { createEdgeApp } from '../create-edge-app-with-tools.ts';
import { edgeInternalsOf } from '../edge-internals.ts';
import type { EdgeOptions } from '../edge-options.ts';
import { sharedLimiters } from '../shared-rate-limiter.ts';
import { createConsoleStatic } from './console-static.ts';
import { createNodeFastPath } from './fast-path.ts';
import { limitConnectionsPerIp } from './limit-connections-per-ip.ts';
import { createRedisLimitStore } from './redis-limit-store.ts';
import { resolveServerLimits, type ServerLimits } from './server-limits.ts';

/** Options for `startEdgeServer`: the app's options (`config` may be a JSON file path) plus where to listen. */
export interface EdgeServerOptions extends EdgeOptions, ServerLimits {
  /** @default 8787; 0 picks a free port */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Built console folder served at `/console` when it exists. */
  consoleDir?: string | undefined;
  /**
   * Proxies in front of the server that append to `X-Forwarded-For` (`HEADROOM_TRUST_PROXY=N`;
   * `true` is 1): the client is the right-most address they did not write. @default 0
   */
  trustProxy?: boolean | number;
  /** Outbox polling interval. @default 1000 */
  outboxIntervalMs?: number;
  /** How often stale account states are re-evaluated. @default 60000 */
  accountSweepIntervalMs?: number;
  /**
   * Redis shared by every instance for the rate limits (`HEADROOM_REDIS_URL`), unless
   * `createLimiter` is given. @default none: limits per instance
   */
  redisUrl?: string | undefined;
}

/** A running edge server. */
export interface EdgeServer {
  url: string;
  port: number;
  app: EdgeApp;
  /** Stops accepting, finishes in-flight requests, flushes the outbox, closes storage. */
  close(): Promise<void>;
}

/**
 * Starts the edge endpoint on Node (`@hono/node-server`).
 * @example
 * const server = await startEdgeServer({ storage, secret, config, port: 0 });
 * console.log(server.url);
 */
export async function startEdgeServer(options: EdgeServerOptions): Promise<EdgeServer> {
  // Behind load balancers every socket is the last balancer: the client is the right-most
  // X-Forwarded-For entry that a trusted proxy wrote (only when the operator says how many).
  const hops = trustedProxyCount(options.trustProxy);
  const clientIpOf = (request: Request, env: unknown) =>
    clientIp(
      request.headers.get('x-forwarded-for') ?? undefined,
      (env as HttpBindings | undefined)?.incoming?.socket?.remoteAddress,
      hops,
    );
  const nodeClientIp = (incoming: IncomingMessage) => {
    const header = incoming.headers['x-forwarded-for'];
    return clientIp(Array.isArray(header) ? header.join(', ') : header, incoming.socket.remoteAddress, hops);
  };
  // A string config is a JSON file path here (the portable app takes objects or loaders).
  const config =
    typeof options.config === 'string'
      ? (JSON.parse(await readFile(options.config, 'utf8')) as unknown)
      : options.config;
  // Node allows code generation: the hot routes' schemas run as zod-compiled parsers.
  // The Redis client lives here, not in the app: the worker entry must not bundle it.
  const redisStore =
    options.createLimiter === undefined && options.redisUrl
      ? createRedisLimitStore(options.redisUrl)
      : undefined;
  // The checked-in document, two folders up from src/node and dist/node alike; read once.
  let openApiDocument: Promise<unknown> | undefined;
  const loadOpenApi = () => {
    openApiDocument ??= readFile(new URL('../../openapi.json', import.meta.url), 'utf8').then(
      (text) => JSON.parse(text) as unknown,
    );
    return openApiDocument;
  };
  const app = createEdgeApp({
    clientIp: clientIpOf,
    compileSchema: compile,
    openapi: loadOpenApi,
    ...options,
    config,
    ...(redisStore ? { createLimiter: sharedLimiters(redisStore) } : {}),
  });
  await app.ready;
  const consoleHandler =
    options.consoleDir !== undefined && existsSync(options.consoleDir)
      ? createConsoleStatic(options.consoleDir)
      : undefined;
  const fetch = (request: Request, env: unknown) => {
    if (consoleHandler) {
      const { pathname } = new URL(request.url);
      if (pathname === '/console' || pathname.startsWith('/console/')) return consoleHandler(request);
    }
    return app.fetch(request, env);
  };
  const host = options.host ?? '127.0.0.1';
  // The plain routes run straight on node:http; a caller's own `clientIp` takes a Web
  // `Request`, so with one every request goes through Hono.
  const internals = options.clientIp ? undefined : edgeInternalsOf(app);
  const fastPath = internals ? createNodeFastPath(internals, nodeClientIp) : undefined;
  const honoListener = getRequestListener(fetch, { hostname: host });
  const limits = resolveServerLimits(options, hops > 0);
  const server = createServer(
    {
      // Node's defaults keep slow headers or an idle socket 60–90 s and a slowly sent body 300 s.
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // How often those two are checked (Node's default, 30 s, would let them overrun by as much).
      connectionsCheckingInterval: Math.max(100, Math.min(1000, limits.headersTimeoutMs / 4)),
    },
    (incoming, outgoing) => {
      if (fastPath?.(incoming, outgoing)) return;
      void honoListener(incoming, outgoing);
    },
  );
  // Silence on a socket (a body trickling in, a client gone quiet) closes it.
  server.timeout = limits.idleTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  let refusedLogged = 0;
  if (limits.maxConnectionsPerIp > 0) {
    limitConnectionsPerIp(server, limits.maxConnectionsPerIp, (ip) => {
      // One line per 10 s at most: a flood of refusals must not become a flood of logs.
      const t = Date.now();
      if (t - refusedLogged < 10_000) return;
      refusedLogged = t;
      (edgeInternalsOf(app)?.ctx.log ?? options.log)?.({
        level: 'warn',
        msg: 'connection refused: too many open sockets from one address',
        ip,
        maxConnectionsPerIp: limits.maxConnectionsPerIp,
      });
    });
  }
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
  app.outbox.start(options.outboxIntervalMs ?? 1000);
  // Time alone changes account state (windows age, PQLs stall): re-evaluate stale accounts,
  // and delete browser events past their retention (bounded per tick).
  let sweeping = false;
  const sweep = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    Promise.all([app.sweepAccounts(), app.pruneEvents()])
      .catch((error: unknown) =>
        options.log?.({ level: 'error', msg: 'account sweep or event pruning failed', error: String(error) }),
      )
      .finally(() => {
        sweeping = false;
      });
  }, options.accountSweepIntervalMs ?? 60_000);
  sweep.unref();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    app,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive sockets with nothing in flight would hold close() open.
          if ('closeIdleConnections' in server) server.closeIdleConnections();
        });
        clearInterval(sweep);
        await app.flush();
        await app.outbox.stop();
        await redisStore?.close();
        await options.storage.close();
      })();
      return closing;
    },
  };
}

export { createJsonLineLogger, type JsonLineLogger } from './json-line-logger.ts';
export { createRedisLimitStore, type RedisLimitStore } from './redis-limit-store.ts';
export type { ServerLimits } from './server-limits.ts';
