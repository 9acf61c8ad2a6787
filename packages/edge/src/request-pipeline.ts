import { HeadroomConfigError } from '@headroom/core';
import type { EdgeContext } from './edge-context.ts';
import { HttpError } from './http-error.ts';
import type { RequestState } from './plain-route.ts';
import { MAX_BODY_BYTES } from './read-json.ts';

const CORS_HEADERS = 'authorization, content-type, if-none-match, if-match';

/** What every request goes through, whichever adapter (Hono or the Node fast path) carries it. */
export interface RequestPipeline {
  /** Starts a request: its id, clock and pending headers. */
  begin(ip: string | undefined): RequestState;
  /**
   * CORS allowlist, per-IP rate limit and declared body size for `/v1/*`. Returns the headers
   * of a preflight answer (204) when it is one.
   * @throws HttpError 403, 413, 429
   */
  guard(state: RequestState, method: string, request: GuardedRequest): Record<string, string> | undefined;
  /** The JSON error answer for anything a route threw (a bug is logged and answered 500). */
  fail(
    state: RequestState,
    error: unknown,
    method: string,
    path: string,
  ): { status: number; body: string; headers?: Record<string, string> | undefined };
  /** Writes the request's log line. */
  finish(state: RequestState, method: string, path: string, status: number): void;
}

/** What the guard reads of a request. */
export interface GuardedRequest {
  header(name: string): string | undefined;
  /** This server's own origin (a same-origin page is always allowed). */
  selfOrigin(): string;
}

/** Creates the pipeline of one app. */
export function createRequestPipeline(ctx: EdgeContext, allowed: readonly string[] | '*'): RequestPipeline {
  // A per-instance prefix and a counter: unique across instances and restarts, and cheap.
  const prefix = `${(ctx.now() % 1e10).toString(36)}${Math.floor(Math.random() * 1296)
    .toString(36)
    .padStart(2, '0')}`;
  let requestSeq = 0;

  return {
    begin(ip) {
      const requestId = `${prefix}-${(++requestSeq).toString(36)}`;
      return {
        requestId,
        start: performance.now(),
        ip,
        headers: { 'x-request-id': requestId },
        accountId: undefined,
      };
    },

    guard(state, method, request) {
      const { headers } = state;
      const origin = request.header('origin');
      let preflight = method === 'OPTIONS';
      if (origin !== undefined) {
        const ok = allowed === '*' || allowed.includes(origin) || origin === request.selfOrigin();
        if (!ok)
          throw new HttpError(403, 'origin_not_allowed', `origin ${origin.slice(0, 200)} is not allowed`);
        headers['access-control-allow-origin'] = origin;
        headers.vary = headers.vary ? `${headers.vary}, Origin` : 'Origin';
        headers['access-control-expose-headers'] = 'ETag, Retry-After, X-Request-Id';
        if (preflight) {
          // Echo what the browser asks for when it is a plain header list (the SDK may add its own).
          const asked = request.header('access-control-request-headers');
          return {
            'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
            'access-control-allow-headers':
              asked && asked.length < 500 && /^[\w-]+(\s*,\s*[\w-]+)*$/.test(asked) ? asked : CORS_HEADERS,
            'access-control-max-age': '600',
          };
        }
        preflight = false;
      }
      if (preflight) return {};
      const wait = ctx.ipLimiter?.take(state.ip ?? 'unknown', ctx.now()) ?? 0;
      if (wait > 0) {
        throw new HttpError(429, 'rate_limited', 'too many requests from this address', undefined, {
          'Retry-After': String(wait),
        });
      }
      // A declared oversize body is refused before any route runs; undeclared ones are capped
      // while being read.
      if (Number(request.header('content-length') ?? 0) > MAX_BODY_BYTES) {
        throw new HttpError(413, 'too_large', `request body is larger than ${MAX_BODY_BYTES} bytes`);
      }
      return undefined;
    },

    fail(_state, error, method, path) {
      if (error instanceof HttpError)
        return { status: error.status, body: JSON.stringify(error.toJSON()), headers: error.headers };
      if (error instanceof HeadroomConfigError) {
        // The configured initial config is broken: an operator error, not the caller's.
        ctx.log({ level: 'error', msg: 'initial config invalid', error: error.message });
        return {
          status: 503,
          body: JSON.stringify({
            error: { code: 'config_invalid', message: 'the server configuration is invalid' },
          }),
        };
      }
      ctx.log({
        level: 'error',
        msg: 'unhandled error (bug)',
        method,
        path,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      return {
        status: 500,
        body: JSON.stringify({ error: { code: 'internal', message: 'internal error' } }),
      };
    },

    finish(state, method, path, status) {
      ctx.log({
        level: status >= 500 ? 'error' : 'info',
        msg: 'request',
        requestId: state.requestId,
        method,
        path,
        status,
        ms: Math.round((performance.now() - state.start) * 100) / 100,
        ip: state.ip,
        accountId: state.accountId,
      });
    },
  };
}
