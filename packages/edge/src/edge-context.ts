import {
  type AccountClaims,
  DAY_MS,
  defineConfig,
  type HeadroomConfig,
  HeadroomConfigError,
  lintConfig,
} from '@headroom/core';
import { type AccountStates, createAccountStates } from './account-states.ts';
import { type ConfigVocabulary, createConfigVocabulary } from './config-vocabulary.ts';
import type { EdgeOptions, LogLine } from './edge-options.ts';
import { escalate } from './escalation.ts';
import { potentialExpansionAcv } from './evaluate-account.ts';
import { experimentWindows } from './experiment-windows.ts';
import { createHandoffDelivery, type HandoffDelivery } from './handoff-delivery.ts';
import { HttpError } from './http-error.ts';
import { createRateLimiter, DEFAULT_LIMITS, type RateLimit, type RateLimiter } from './rate-limiter.ts';
import { createRouteDecisionLog, type RouteDecisionLog } from './route-decision-log.ts';
import { type CompiledSchemas, createCompiledSchemas } from './schema-compiler.ts';
import type { AccountFact, ConfigVersion, Handoff, HandoffRequest, Storage } from './storage/storage.ts';
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
  /** Each account's state as the edge evaluates it from the facts it holds. */
  accounts: AccountStates;
  /** Routing decisions, written in groups. */
  decisions: RouteDecisionLog;
  /** The ids events may name: the live config's and those of versions published within a day. */
  vocabulary(): Promise<ConfigVocabulary>;
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
  /** Takes `cost` from the account's token bucket. @throws HttpError 429 with `Retry-After`. */
  takeAccount(accountId: string, cost?: number): void;
  /** Takes `count` events from the account's events quota. @throws HttpError 429 with `Retry-After`. */
  takeEvents(accountId: string, count: number): void;
  /**
   * Records the verified claims of an account as facts (observed at the token's `iat`), at most
   * once a minute per account and instance unless they changed. Resolves `true` when new facts
   * were written; a failure is logged, not answered.
   */
  rememberAccount(claims: AccountClaims): Promise<boolean>;
  /**
   * Creates a handoff unless the account has an open one of the same scope or spent its daily
   * quota (then that one, or null), and schedules delivery of a new one.
   */
  handoff(
    request: Omit<HandoffRequest, 'now' | 'openMs' | 'maxPerDay'> & { openMs?: number },
    waitUntil: (p: Promise<unknown>) => void,
  ): Promise<Handoff | null>;
  /** Price of the next plan on the upgrade path for the token's seats − ACV; null when unpriced. */
  potentialExpansionAcv(
    config: HeadroomConfig,
    claims: Pick<AccountClaims, 'plan' | 'seats' | 'acv'>,
  ): number | null;
}

const MAX_CACHE = 10_000;
/** rememberAccount's answer when nothing new was written (one promise, not one per request). */
const NOT_NEW = Promise.resolve(false);

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
  let loading: Promise<ConfigVersion> | undefined;
  // Keyed by the signature segment (43 characters for HS256): hashing it is several times
  // cheaper than hashing the whole token; a hit still needs the whole token to be identical.
  const verifiedTokens = new Map<string, { token: string; claims: AccountClaims }>();
  const signatureOf = (token: string) => token.slice(token.lastIndexOf('.') + 1);
  const accountSeen = new Map<string, { at: number; claims: AccountClaims; digest: string }>();

  const ready = (async () => {
    key = await keyPromise;
    if (options.config !== undefined && (await storage.latestConfig()) === null) {
      const config = loadInitialConfig(await readConfigSource(options.config));
      for (const { code, path, message } of lintConfig(config)) {
        log({ level: 'warn', msg: 'config warning', code, path, warning: message });
      }
      const version = await storage.publishConfig(config, 'initial config', now());
      log({ level: 'info', msg: 'published initial config', version });
    }
    // A migration may leave aggregates to rebuild once the config (experiment goals) is known.
    const live = await storage.latestConfig();
    if (live && (await storage.pendingRebuild())) {
      const started = now();
      await storage.rebuildAggregates(experimentWindows(live.config));
      log({ level: 'info', msg: 'aggregates rebuilt from events', ms: now() - started });
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

  let vocabulary: { version: number; value: Promise<ConfigVocabulary> } | undefined;

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
    accounts: createAccountStates({
      storage,
      now,
      config: () => ctx.config(),
      onError: (accountId, error) =>
        log({ level: 'error', msg: 'account evaluation failed', accountId, error: String(error) }),
      onEvaluated: async (evaluation) => {
        try {
          await escalate(ctx, evaluation);
        } catch (error) {
          log({
            level: 'error',
            msg: 'escalation failed',
            accountId: evaluation.state.accountId,
            error: String(error),
          });
        }
      },
    }),
    decisions: createRouteDecisionLog(storage, (error) =>
      log({ level: 'error', msg: 'route decisions not stored; retrying', error: String(error) }),
    ),
    async vocabulary() {
      const current = await ctx.config();
      if (vocabulary?.version !== current.version) {
        const value = createConfigVocabulary(storage, current, now());
        vocabulary = { version: current.version, value };
        value.catch(() => {
          if (vocabulary?.value === value) vocabulary = undefined;
        });
      }
      return vocabulary.value;
    },
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

    config() {
      const t = now();
      if (cached && t - cached.at < configCacheMs) return Promise.resolve(cached.version);
      // One load at a time: when the cache expires under load, every waiter shares it.
      loading ??= storage
        .latestConfig()
        .then((version) => {
          if (!version) throw new HttpError(503, 'no_config', 'no configuration has been published yet');
          cached = { at: t, version };
          return version;
        })
        .finally(() => {
          loading = undefined;
        });
      return loading;
    },
    invalidateConfig() {
      cached = undefined;
      loading = undefined;
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

    rememberAccount(claims) {
      const t = now();
      const seen = accountSeen.get(claims.sub);
      // Verified claims are cached per token, so the same token is the same object: no digest.
      if (seen && seen.claims === claims && t - seen.at < 60_000) return NOT_NEW;
      const digest = JSON.stringify([
        claims.plan,
        claims.segment,
        claims.acv,
        claims.seats,
        claims.activatedAt,
        claims.health,
        claims.churnRisk,
        claims.activeUsers,
        claims.usage,
        claims.iat,
      ]);
      if (seen && seen.digest === digest && t - seen.at < 60_000) {
        seen.claims = claims;
        return NOT_NEW;
      }
      boundedSet(accountSeen, claims.sub, { at: t, claims, digest });
      return storage.upsertFacts(claims.sub, factsOfClaims(claims, t), t).then(
        () => true,
        (error: unknown) => {
          accountSeen.delete(claims.sub);
          log({
            level: 'error',
            msg: 'account facts not stored',
            accountId: claims.sub,
            error: String(error),
          });
          return false;
        },
      );
    },

    async handoff(request, waitUntil) {
      const { config } = await ctx.config();
      const { handoff, created, reason } = await storage.createHandoff({
        ...request,
        now: now(),
        openMs: request.openMs ?? config.routing.handoffCooldownDays * DAY_MS,
        maxPerDay: config.routing.maxHandoffsPerDay,
      });
      if (created && handoff) {
        log({ level: 'info', msg: 'handoff created', handoffId: handoff.id, accountId: handoff.accountId });
        if ((options.delivery ?? 'background') === 'background' && options.webhook)
          waitUntil(outbox.deliverDue());
      } else if (reason === 'quota') {
        log({ level: 'warn', msg: 'handoff quota reached', accountId: request.payload.account.id });
      }
      return handoff;
    },

    potentialExpansionAcv,
  };
  return ctx;
}

/** The claims of a verified token as facts, observed when the token was signed. */
function factsOfClaims(claims: AccountClaims, now: number): Record<string, AccountFact> {
  // A token signed "in the future" (clock skew) counts as observed now, never later.
  const at = Math.min(claims.iat === undefined ? now : claims.iat * 1000, now);
  const facts: Record<string, AccountFact> = {};
  const put = (name: string, value: AccountFact['value'] | undefined) => {
    if (value !== undefined) facts[name] = { value, at, source: 'token' };
  };
  put('plan', claims.plan);
  put('segment', claims.segment);
  put('acv', claims.acv);
  put('seats', claims.seats);
  put('activatedAt', claims.activatedAt);
  put('health', claims.health);
  put('churnRisk', claims.churnRisk);
  put('activeUsers', claims.activeUsers);
  for (const [meter, value] of Object.entries(claims.usage ?? {})) put(`usage.${meter}`, value);
  return facts;
}
