import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { compile } from 'zod/mini';
import { createEdgeApp, type EdgeApp } from '../create-edge-app.ts';
import { edgeInternalsOf } from '../edge-internals.ts';
import type { EdgeOptions } from '../edge-options.ts';
import { createConsoleStatic } from './console-static.ts';
import { createNodeFastPath } from './fast-path.ts';

/** Options for `startEdgeServer`: the app's options (`config` may be a JSON file path) plus where to listen. */
export interface EdgeServerOptions extends EdgeOptions {
  /** @default 8787; 0 picks a free port */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Built console folder served at `/console` when it exists. */
  consoleDir?: string | undefined;
  /** Take the client IP from `X-Forwarded-For` (`HEADROOM_TRUST_PROXY=1`). @default false */
  trustProxy?: boolean;
  /** Outbox polling interval. @default 1000 */
  outboxIntervalMs?: number;
  /** How often stale account states are re-evaluated. @default 60000 */
  accountSweepIntervalMs?: number;
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
  // Behind a load balancer every socket is the balancer: then the client is the first
  // X-Forwarded-For entry (only trusted when the operator says a proxy sets it).
  const forwardedFor = (value: string | null | undefined) =>
    options.trustProxy ? value?.split(',')[0]?.trim() || undefined : undefined;
  const clientIp = (request: Request, env: unknown) =>
    forwardedFor(request.headers.get('x-forwarded-for')) ??
    (env as HttpBindings | undefined)?.incoming?.socket?.remoteAddress ??
    undefined;
  const nodeClientIp = (incoming: IncomingMessage) => {
    const header = incoming.headers['x-forwarded-for'];
    return forwardedFor(Array.isArray(header) ? header.join(', ') : header) ?? incoming.socket.remoteAddress;
  };
  // A string config is a JSON file path here (the portable app takes objects or loaders).
  const config =
    typeof options.config === 'string'
      ? (JSON.parse(await readFile(options.config, 'utf8')) as unknown)
      : options.config;
  // Node allows code generation: the hot routes' schemas run as zod-compiled parsers.
  const app = createEdgeApp({ clientIp, compileSchema: compile, ...options, config });
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
  const server = createServer((incoming, outgoing) => {
    if (fastPath?.(incoming, outgoing)) return;
    void honoListener(incoming, outgoing);
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
  app.outbox.start(options.outboxIntervalMs ?? 1000);
  // Time alone changes account state (windows age, PQLs stall): re-evaluate stale accounts.
  let sweeping = false;
  const sweep = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    app
      .sweepAccounts()
      .catch((error: unknown) =>
        options.log?.({ level: 'error', msg: 'account sweep failed', error: String(error) }),
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
        await options.storage.close();
      })();
      return closing;
    },
  };
}

export { createJsonLineLogger, type JsonLineLogger } from './json-line-logger.ts';
