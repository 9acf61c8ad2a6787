import type { AdminTokens } from './admin-tokens.ts';
import type { ConfigTools } from './config-tools.ts';
import type { RateLimit, RateLimiter } from './rate-limiter.ts';
import type { SchemaCompiler } from './schema-compiler.ts';
import type { Storage } from './storage/storage.ts';

/** One structured log line; written as JSON by the Node server. */
export type LogLine = Record<string, unknown> & { level: 'debug' | 'info' | 'warn' | 'error'; msg: string };

/** Options for `createEdgeApp`. */
export interface EdgeOptions {
  /** Where events, handoffs and config versions live. */
  storage: Storage;
  /** HS256 secret shared with the host backend (`HEADROOM_SECRET`), at least 32 bytes. */
  secret: string | Uint8Array;
  /**
   * Development mode (`HEADROOM_DEV=1`): secrets, admin token, server key and webhook secret may
   * be shorter than 32 bytes. Never in production. @default false
   */
  development?: boolean | undefined;
  /** Bearer token for `/v1/admin/*` (`HEADROOM_ADMIN_TOKEN`); the admin API answers 404 without it. */
  adminToken?: string | undefined;
  /**
   * More admin tokens, by label (`HEADROOM_ADMIN_TOKENS=ana:…,ci-bot:…`): each config version
   * records the label of the token that published it (`adminToken` publishes as `admin`).
   */
  adminTokens?: AdminTokens | undefined;
  /** Bearer key for `/v1/server/events` (`HEADROOM_SERVER_KEY`); the route answers 404 without it. */
  serverKey?: string | undefined;
  /** Origins allowed to call from a browser (`HEADROOM_ALLOWED_ORIGINS`). @default '*' */
  allowedOrigins?: readonly string[] | '*' | undefined;
  /** Handoff webhook (`HEADROOM_HANDOFF_WEBHOOK`): a URL, or the URL with its signing secret. */
  webhook?: string | { url: string; secret?: string | undefined } | undefined;
  /** HMAC secret for `Headroom-Signature` (`HEADROOM_WEBHOOK_SECRET`) when `webhook` is a bare URL. */
  webhookSecret?: string | undefined;
  /**
   * Configuration published as version 1 when the store has none: the config object
   * (validated) or a loader function (`startEdgeServer` also takes a JSON file path). Later
   * versions come from `PUT /v1/admin/config`.
   */
  config?: unknown;
  /**
   * `PUT /v1/admin/config` and rollbacks must carry `If-Match` with the ETag of the version they
   * replace (`HEADROOM_REQUIRE_IF_MATCH=1`): 428 without it. A stale one is always 412.
   * @default false
   */
  requireIfMatch?: boolean | undefined;
  /**
   * The publish step's impact preview (`POST /v1/admin/config/impact`) and backtest
   * (`POST /v1/admin/backtest`); without them both answer 404. `createEdgeApp` from
   * `@headroom/edge` and the Node server include them; from `@headroom/edge/worker`, pass
   * `configTools` from `@headroom/edge/config-tools`. @default included, except in the worker entry
   */
  configTools?: ConfigTools | undefined;
  /** Clock, ms since the epoch. @default Date.now */
  now?: () => number;
  /**
   * Token buckets; `false` disables rate limiting. An event batch costs one token per 20
   * events of `perAccount`, and one per event of `eventsPerAccount` (the account's events
   * quota, answered 429 `quota_exceeded` with `Retry-After`). `authFailuresPerIp` counts wrong
   * admin tokens and server keys: past it every attempt from that IP gets 429 until it refills.
   * @default per IP 600 burst + 200/s, per account 600 burst + 200/s, events per account 5,000
   * burst + 1,000/s, auth failures per IP 10 burst + 0.1/s
   */
  rateLimit?:
    | {
        perIp?: RateLimit;
        perAccount?: RateLimit;
        eventsPerAccount?: RateLimit;
        authFailuresPerIp?: RateLimit;
      }
    | false;
  /**
   * Makes each rate limiter (`name`: `ip`, `account`, `events`, `auth`); `sharedLimiters(store)`
   * shares them between instances (the Node server does it with Redis when `HEADROOM_REDIS_URL`
   * is set). @default per-instance token buckets
   */
  createLimiter?: ((name: string, limit: RateLimit, log: (line: LogLine) => void) => RateLimiter) | undefined;
  /** The caller's IP address (the Node server passes the socket address). */
  clientIp?: (request: Request, env: unknown) => string | undefined;
  /** Structured log sink. @default one JSON line per call on stdout */
  log?: (line: LogLine) => void;
  /** `fetch` used for webhook delivery. @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * When handoffs are delivered: `'background'` right after they are created (and on each
   * `outbox.start()` tick), `'manual'` only when `outbox.deliverDue()` is called.
   * @default 'background'
   */
  delivery?: 'background' | 'manual';
  /**
   * @deprecated No longer read: the edge evaluates each trigger over its own window from the
   * account's facts (see "Server truth" in the README).
   */
  activeSignalDays?: number;
  /** Browser events older than this many days are refused per event. @default 400 */
  retentionDays?: number;
  /**
   * Browser events older than this many days (event time, whole UTC days) are deleted by
   * `pruneEvents` (the Node server's sweep, a worker's scheduled job); aggregates, fire
   * episodes, decisions and server events are kept. Browser events this old are also refused,
   * so a re-sent copy of a deleted event is never counted twice. Env:
   * `HEADROOM_EVENT_RETENTION_DAYS`. @default 400
   */
  eventRetentionDays?: number;
  /** How long a published config is cached per instance. @default 5000 */
  configCacheMs?: number;
  /**
   * Compiles the request schemas of the hot routes (`/v1/route`, `/v1/events`) for speed, e.g.
   * `z.compile` from `zod/mini` where the runtime allows code generation (Node, Deno, Bun).
   * The Node server passes `z.compile` by default. @default none: zod's runtime parser
   */
  compileSchema?: SchemaCompiler;
  /**
   * The OpenAPI 3.1 document served at `GET /v1/openapi.json` (the package's `openapi.json`).
   * Not bundled into the app, to keep the worker small: the Node server loads the file; a
   * worker may pass `() => import('@headroom/edge/openapi.json')`. @default none: 404
   */
  openapi?: (() => unknown) | undefined;
}
