import {
  type AccountClaims,
  DAY_MS,
  defineConfig,
  type HeadroomConfig,
  HeadroomConfigError,
  nextPlan,
} from '@headroom/core';
import type { EdgeOptions, LogLine } from './edge-options.ts';
import { createHandoffDelivery, type HandoffDelivery } from './handoff-delivery.ts';
import { HttpError } from './http-error.ts';
import { createRateLimiter, DEFAULT_LIMITS, type RateLimit, type RateLimiter } from './rate-limiter.ts';
import { type CompiledSchemas, createCompiledSchemas } from './schema-compiler.ts';
import type { AccountSignals, ConfigVersion, HandoffPayload, Storage } from './storage/storage.ts';
import { importTokenKey, TOKEN_CLOCK_TOLERANCE_S, verifyAccountToken } from './verify-account-token.ts';

/** Shared state of one edge app: dependencies plus the per-instance caches. */
export interface EdgeContext {
  storage: Storage;
  now: () => number;
  log: (line: LogLine) => void;
  options: EdgeOptions;
  ipLimiter: RateLimiter | null;
  accountLimiter: RateLimiter | null;
  /** Events stored per account per second (`rateLimit.eventsPerAccount`). */
  eventsLimiter: RateLimiter | null;
  /** Failed admin / server-key authentications per IP (`rateLimit.authFailuresPerIp`). */
  authFailureLimiter: RateLimiter | null;
  outbox: HandoffDelivery;
  activeSignalDays: number;
  ready: Promise<void>;
  verify(token: unknown): Promise<AccountClaims>;
  /** The compiled twin of a request schema (`options.compileSchema`), or the schema itself. */
  schema: CompiledSchemas;
  /** The claims of a token verified before and not yet expired, without a promise (hot path). */
  verifiedClaims(token: unknown): AccountClaims | undefined;
  /** The published config, cached for `configCacheMs`; 503 when none was ever published. */
  config(): Promise<ConfigVersion>;
  /** The cached config while it is fresh, without a promise (hot path); else `config()`. */
  freshConfig(): ConfigVersion | undefined;
  invalidateConfig(): void;
  /** Routing signals of an account, cached briefly and dropped when its events arrive. */
  signals(accountId: string): Promise<AccountSignals>;
  /** The cached, already loaded signals while they are fresh (hot path); else `signals()`. */
  freshSignals(accountId: string): AccountSignals | undefined;
  invalidateSignals(accountId: string): void;
  /** Takes `cost` from the account's token bucket. @throws HttpError 429 with `Retry-After`. */
  takeAccount(accountId: string, cost?: number): void;
  /** Takes `count` events from the account's events quota. @throws HttpError 429 with `Retry-After`. */
  takeEvents(accountId: string, count: number): void;
  /**
   * Stores the verified claims of an account, at most once a minute per account and instance,
   * in the background: no response waits for it, and a failure is logged, not answered.
   */
  rememberAccount(claims: AccountClaims, waitUntil: (p: Promise<unknown>) => void): void;
  /** Creates (once per key) a handoff and schedules its delivery. */
  handoff(
    dedupeKey: string,
    payload: HandoffPayload,
    waitUntil: (p: Promise<unknown>) => void,
  ): Promise<string>;
  /** Price of the next plan on the upgrade path for the token's seats − ACV; null when unpriced. */
  potentialExpansionAcv(
    config: HeadroomConfig,
    claims: Pick<AccountClaims, 'plan' | 'seats' | 'acv'>,
  ): number | null;
}

// Signals move on a scale of days and are dropped on this instance whenever the account's
// events arrive here; other instances see them within this long.
const SIGNAL_CACHE_MS = 30_000;
const MAX_CACHE = 10_000;

function boundedSet<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (map.size >= MAX_CACHE) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  map.set(key, value);
}

async function readConfigSource(source: unknown): Promise<unknown> {
  return typeof source === 'function' ? (source as () => unknown)() : source;
}

function loadInitialConfig(raw: unknown): HeadroomConfig {
  try {
    return defineConfig(raw);
  } catch (error) {
    if (error instanceof HeadroomConfigError) throw error;
    throw new HeadroomConfigError([{ path: '', message: String(error) }]);
  }
}

/** Builds the context of one app: imports the key and publishes the initial config. */
export function createEdgeContext(options: EdgeOptions): EdgeContext {
  const { storage } = options;
  const now = options.now ?? Date.now;
  const log =
    options.log ??
    ((line: LogLine) => {
      console.log(JSON.stringify({ time: new Date(now()).toISOString(), ...line }));
    });
  const limits = options.rateLimit === false ? null : (options.rateLimit ?? {});
  // Shared buckets (Redis) come in as a factory, so the worker bundle carries none of it.
  const limiter = (name: string, limit: RateLimit) =>
    options.createLimiter ? options.createLimiter(name, limit, log) : createRateLimiter(limit);
  const configCacheMs = options.configCacheMs ?? 5000;
  const keyPromise = importTokenKey(options.secret);
  let key: CryptoKey | undefined;
  let cached: { at: number; version: ConfigVersion } | undefined;
  const signalCache = new Map<
    string,
    { at: number; value: Promise<AccountSignals>; loaded?: AccountSignals }
  >();
  // Keyed by the signature segment (43 characters for HS256): hashing it is several times
  // cheaper than hashing the whole token; a hit still needs the whole token to be identical.
  const verifiedTokens = new Map<string, { token: string; claims: AccountClaims }>();
  const signatureOf = (token: string) => token.slice(token.lastIndexOf('.') + 1);
  const accountSeen = new Map<string, { at: number; digest: string }>();

  const ready = (async () => {
    key = await keyPromise;
    if (options.config !== undefined && (await storage.latestConfig()) === null) {
      const config = loadInitialConfig(await readConfigSource(options.config));
      const version = await storage.publishConfig(config, 'initial config', now());
      log({ level: 'info', msg: 'published initial config', version });
    }
  })();
  // Surfaced through `ready` and the first request; never an unhandled rejection.
  ready.catch(() => {});

  const webhook = typeof options.webhook === 'string' ? { url: options.webhook } : options.webhook;
  const outbox = createHandoffDelivery({
    storage,
    webhookUrl: webhook?.url,
    webhookSecret: webhook?.secret ?? options.webhookSecret,
    now,
    log,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  const ctx: EdgeContext = {
    storage,
    now,
    log,
    options,
    ipLimiter: limits ? limiter('ip', limits.perIp ?? DEFAULT_LIMITS.perIp) : null,
    accountLimiter: limits ? limiter('account', limits.perAccount ?? DEFAULT_LIMITS.perAccount) : null,
    eventsLimiter: limits
      ? limiter('events', limits.eventsPerAccount ?? DEFAULT_LIMITS.eventsPerAccount)
      : null,
    authFailureLimiter: limits
      ? limiter('auth', limits.authFailuresPerIp ?? DEFAULT_LIMITS.authFailuresPerIp)
      : null,
    outbox,
    activeSignalDays: options.activeSignalDays ?? 30,
    ready,
    schema: createCompiledSchemas(options.compileSchema, (error) =>
      log({ level: 'warn', msg: 'schema not compiled; using the runtime parser', error: String(error) }),
    ),

    verifiedClaims(token) {
      // The SDK resends one token for its whole life: an identical string verified before
      // needs only the expiry check, not another HMAC.
      if (typeof token !== 'string') return undefined;
      const hit = verifiedTokens.get(signatureOf(token));
      if (hit === undefined || hit.token !== token) return undefined;
      const { claims } = hit;
      return (claims.exp ?? 0) * 1000 + TOKEN_CLOCK_TOLERANCE_S * 1000 > now() ? claims : undefined;
    },

    async verify(token) {
      const hit = ctx.verifiedClaims(token);
      if (hit) return hit;
      const claims = await verifyAccountToken(token, key ?? (await keyPromise), now());
      boundedSet(verifiedTokens, signatureOf(token as string), { token: token as string, claims });
      return claims;
    },

    freshConfig() {
      return cached && now() - cached.at < configCacheMs ? cached.version : undefined;
    },

    async config() {
      const t = now();
      if (cached && t - cached.at < configCacheMs) return cached.version;
      const version = await storage.latestConfig();
      if (!version) throw new HttpError(503, 'no_config', 'no configuration has been published yet');
      cached = { at: t, version };
      return version;
    },
    invalidateConfig() {
      cached = undefined;
    },

    signals(accountId) {
      const t = now();
      const hit = signalCache.get(accountId);
      if (hit && t - hit.at < SIGNAL_CACHE_MS) return hit.value;
      const value = storage.accountSignals(accountId, t - ctx.activeSignalDays * DAY_MS);
      const entry: { at: number; value: Promise<AccountSignals>; loaded?: AccountSignals } = { at: t, value };
      value.then(
        (loaded) => {
          entry.loaded = loaded;
        },
        () => {
          if (signalCache.get(accountId) === entry) signalCache.delete(accountId);
        },
      );
      boundedSet(signalCache, accountId, entry);
      return value;
    },
    freshSignals(accountId) {
      const hit = signalCache.get(accountId);
      return hit && now() - hit.at < SIGNAL_CACHE_MS ? hit.loaded : undefined;
    },
    invalidateSignals(accountId) {
      signalCache.delete(accountId);
    },

    takeAccount(accountId, cost = 1) {
      const wait = ctx.accountLimiter?.take(accountId, now(), cost) ?? 0;
      if (wait > 0) {
        throw new HttpError(429, 'rate_limited', 'too many requests for this account', undefined, {
          'Retry-After': String(wait),
        });
      }
    },

    takeEvents(accountId, count) {
      if (count === 0) return;
      const wait = ctx.eventsLimiter?.take(accountId, now(), count) ?? 0;
      if (wait > 0) {
        throw new HttpError(
          429,
          'quota_exceeded',
          'this account is sending events faster than its quota',
          undefined,
          {
            'Retry-After': String(wait),
          },
        );
      }
    },

    rememberAccount(claims, waitUntil) {
      const t = now();
      const digest = `${claims.plan}|${claims.segment}|${claims.acv}|${claims.seats}`;
      const seen = accountSeen.get(claims.sub);
      if (seen && seen.digest === digest && t - seen.at < 60_000) return;
      boundedSet(accountSeen, claims.sub, { at: t, digest });
      const write = storage
        .upsertAccount({
          accountId: claims.sub,
          plan: claims.plan,
          segment: claims.segment,
          acv: claims.acv,
          seats: claims.seats,
          seenAt: t,
        })
        .catch((error: unknown) => {
          accountSeen.delete(claims.sub);
          log({
            level: 'error',
            msg: 'account snapshot failed',
            accountId: claims.sub,
            error: String(error),
          });
        });
      waitUntil(write);
    },

    async handoff(dedupeKey, payload, waitUntil) {
      const { handoff, created } = await storage.createHandoff(dedupeKey, payload, now());
      if (created) {
        log({ level: 'info', msg: 'handoff created', handoffId: handoff.id, accountId: handoff.accountId });
        if ((options.delivery ?? 'background') === 'background' && options.webhook)
          waitUntil(outbox.deliverDue());
      }
      return handoff.id;
    },

    potentialExpansionAcv(config, claims) {
      const next = nextPlan(config, claims.plan);
      const price = next === null ? undefined : config.plans[next]?.seatPrice;
      if (price === undefined || price === null) return null;
      return price * claims.seats - claims.acv;
    },
  };
  return ctx;
}
