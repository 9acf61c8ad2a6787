import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EdgeInternals } from '../edge-internals.ts';
import type { PlainAnswer, PlainRequest, PlainRoute, RequestState } from '../plain-route.ts';
import { collectBody } from '../read-json.ts';
import type { GuardedRequest } from '../request-pipeline.ts';

/** Answers a request itself and returns true, or returns false to leave it to Hono. */
export type NodeFastPath = (incoming: IncomingMessage, outgoing: ServerResponse) => boolean;

/**
 * The Node server's direct path for the app's plain routes (the SDK's hot `POST /v1/route` and
 * `POST /v1/events`): the same routes and the same request pipeline (request id, CORS, rate
 * limits, body limit, errors, log line) as under Hono, without building a Web `Request` and
 * `Response` and their promise chain per call. Everything else goes to Hono.
 */
export function createNodeFastPath(
  internals: EdgeInternals,
  clientIp: (incoming: IncomingMessage) => string | undefined,
): NodeFastPath {
  const { ctx, pipeline, routes, isReady } = internals;

  function answer(
    outgoing: ServerResponse,
    state: RequestState,
    method: string,
    path: string,
    status: number,
    body: string,
    extra?: Record<string, string>,
  ): void {
    try {
      outgoing.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        ...state.headers,
        ...extra,
      });
      outgoing.end(body);
    } finally {
      pipeline.finish(state, method, path, status);
    }
  }

  function fail(outgoing: ServerResponse, state: RequestState, method: string, path: string, error: unknown) {
    const failed = pipeline.fail(state, error, method, path);
    answer(outgoing, state, method, path, failed.status, failed.body, failed.headers);
  }

  // Not async: a route that can answer synchronously (all it needs cached) is answered in the
  // same turn, without a promise per request.
  function run(
    outgoing: ServerResponse,
    state: RequestState,
    route: PlainRoute,
    request: PlainRequest,
  ): void {
    try {
      const result = isReady()
        ? route(ctx, request, state)
        : ctx.ready.then(() => route(ctx, request, state));
      if (result instanceof Promise) {
        result
          .then((answered) => succeed(outgoing, state, request, answered))
          .catch((error: unknown) => fail(outgoing, state, request.method, request.path, error));
      } else succeed(outgoing, state, request, result);
    } catch (error) {
      fail(outgoing, state, request.method, request.path, error);
    }
  }

  function succeed(
    outgoing: ServerResponse,
    state: RequestState,
    request: PlainRequest,
    result: PlainAnswer,
  ) {
    answer(outgoing, state, request.method, request.path, result.status, JSON.stringify(result.body));
  }

  return (incoming, outgoing) => {
    const url = incoming.url ?? '';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    const method = incoming.method ?? '';
    const route = routes.get(`${method} ${path}`);
    if (route === undefined) return false;
    const state = pipeline.begin(clientIp(incoming));
    const request = new NodePlainRequest(method, path, incoming);
    try {
      // Plain routes take no preflight (OPTIONS is not one of their methods).
      pipeline.guard(state, method, request);
    } catch (error) {
      fail(outgoing, state, method, path, error);
      return true;
    }
    // The body is collected with plain stream callbacks before the route runs, so the route
    // gets it as a string: no promise per chunk or per request on the way in.
    collectBody(incoming, incoming.headers['content-length'], (error, text) => {
      if (error !== undefined) fail(outgoing, state, method, path, error);
      else {
        request.body = text;
        run(outgoing, state, route, request);
      }
    });
    return true;
  };
}

/**
 * A `node:http` request as a plain route sees it. A class, so a request allocates no closures
 * (and, under tsx, no per-closure `name` definitions).
 */
class NodePlainRequest implements PlainRequest, GuardedRequest {
  body = '';

  constructor(
    readonly method: string,
    readonly path: string,
    private readonly incoming: IncomingMessage,
  ) {}

  header(name: string): string | undefined {
    const value = this.incoming.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  selfOrigin(): string {
    return `http://${this.incoming.headers.host ?? 'localhost'}`;
  }

  text(): string {
    return this.body;
  }

  /** Node keeps background work alive by itself; a failure there is logged where it happens. */
  waitUntil(work: Promise<unknown>): void {
    work.catch(() => {});
  }
}
