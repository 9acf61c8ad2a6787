import type { EdgeContext } from './edge-context.ts';

/**
 * What a plain route sees of a request. No framework types, so the same route runs under Hono
 * (every runtime) and directly on `node:http` (the Node server's fast path).
 */
export interface PlainRequest {
  readonly method: string;
  readonly path: string;
  /** A request header by lower-case name. */
  header(name: string): string | undefined;
  /**
   * The body as UTF-8: a string when it has already arrived, else a promise.
   * @throws HttpError 413 past `MAX_BODY_BYTES`, 400 when the stream fails
   */
  text(): string | Promise<string>;
  /** Keeps background work alive after the answer where the runtime needs it (Workers). */
  waitUntil(work: Promise<unknown>): void;
}

/** Per-request state shared by the request pipeline and the route. */
export interface RequestState {
  readonly requestId: string;
  /** `performance.now()` when the request came in. */
  readonly start: number;
  readonly ip: string | undefined;
  /** Response headers gathered before the answer exists (request id, CORS), lower-case names. */
  readonly headers: Record<string, string>;
  /** The verified account, for the log line. */
  accountId: string | undefined;
}

/** A plain route's answer: a status and a JSON body. */
export interface PlainAnswer {
  status: 200 | 202;
  body: unknown;
}

/** A route written against `PlainRequest`; errors are thrown as `HttpError`. */
export type PlainRoute = (
  ctx: EdgeContext,
  request: PlainRequest,
  state: RequestState,
) => PlainAnswer | Promise<PlainAnswer>;

/** Plain routes by `"METHOD /path"`. */
export type PlainRoutes = ReadonlyMap<string, PlainRoute>;
