import {
  type AccountClaims,
  type Assignment,
  assignVariant,
  createEventId,
  DAY_MS,
  epochDay,
  evaluateTriggers,
  type HeadroomConfig,
  meterLimit,
  meterState,
  planIncludes,
  planUnlocking,
  type Surface,
  type TriggerResult,
} from '@headroom/core';
import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import { mergeHistory } from './account-history.ts';
import { browserPlatform } from './browser-platform.ts';
import { createLedger } from './create-ledger.ts';
import { decodeClaims } from './decode-claims.ts';
import { createEventQueue, type QueuedEvent } from './event-queue.ts';
import { parseConfig } from './parse-config.ts';
import { dismissedOut, selectPrompts, shownThisWeek } from './select-prompts.ts';
import type {
  ActivePrompt,
  Diagnostics,
  GateHandle,
  Headroom,
  HeadroomOptions,
  HeadroomStatus,
  MeterHandle,
  Platform,
  UpgradeDecision,
  UpgradeRequest,
} from './types.ts';

type Props = Record<string, string | number | boolean | null>;
type Meter = { used: WritableAtom<number>; set: boolean; handle: MeterHandle };

const SURFACES: readonly Surface[] = ['banner', 'modal', 'inline', 'toast'];
const ROUTES = ['self_serve', 'self_serve_with_assist', 'cs_assist'];
const READY_TIMEOUT_MS = 5000;
/** A store kept equal to `fn()` of its sources: eager, so it costs no lifecycle code. */
const derive = <T>(sources: ReadonlyArray<ReadableAtom<unknown>>, fn: () => T): ReadableAtom<T> => {
  const $ = atom(fn());
  for (const source of sources) source.listen(() => $.set(fn()));
  return $;
};
const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 128;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 1e15;

/**
 * Creates the browser client: meters, gates, invites and custom events go to a durable
 * queue; triggers and prompts are decided locally from the configuration. No method throws.
 * @example
 * const hr = createHeadroom({ endpoint: 'https://headroom.example.com', token: () => getToken() });
 * hr.meter('api_calls').add(1);
 * hr.prompts.current('banner').subscribe((prompt) => render(prompt));
 */
export function createHeadroom(options: HeadroomOptions): Headroom {
  const o = (typeof options === 'object' && options !== null ? options : {}) as Partial<HeadroomOptions>;
  const platform: Platform = { ...browserPlatform(), ...o.platform };
  const endpoint = String(o.endpoint ?? '').replace(/\/+$/, '');
  const now = () => platform.now();

  const $config = atom<HeadroomConfig | null>(null);
  const $claims = atom<AccountClaims | null>(null);
  const $status = atom<HeadroomStatus>('loading');
  const $triggers = atom<TriggerResult[]>([]);
  const $prompts = atom<Partial<Record<Surface, ActivePrompt>>>({});
  const $diagnostics = atom<Diagnostics>({
    sent: 0,
    queued: 0,
    retried: 0,
    dropped: 0,
    evicted: 0,
    errors: 0,
  });

  const warn = (message: string) => {
    if (o.debug) platform.console?.warn(`[headroom] ${message}`);
  };
  const count = (patch: Partial<Record<keyof Diagnostics, number>>, error?: string) => {
    const next = { ...$diagnostics.get() };
    for (const [k, v] of Object.entries(patch) as Array<[keyof Diagnostics, number]>)
      (next[k] as number) += v;
    if (error !== undefined) {
      next.lastError = error;
      warn(error);
    }
    $diagnostics.set(next);
  };
  const drop = (call: string) => count({ dropped: 1 }, `${call}: invalid input dropped`);
  const fail = (where: string, error: unknown) =>
    count({ errors: 1 }, `${where}: ${String(error)}`.slice(0, 500));
  // Every public method goes through this: a bug or garbage input never reaches the host.
  const guard =
    <A extends unknown[], R>(fn: (...args: A) => R, fallback?: R) =>
    (...args: A): R => {
      try {
        return fn(...args);
      } catch (error) {
        fail('internal', error);
        return fallback as R;
      }
    };

  // ---- token and account key ----
  let token: string | undefined;
  const fetchToken = async (): Promise<string> => {
    const source = o.token;
    const value = typeof source === 'function' ? await source() : source;
    if (typeof value !== 'string') throw new TypeError('not a string');
    token = value;
    $claims.set(decodeClaims(value));
    return value;
  };
  let tokenPromise = fetchToken();
  const getToken = () => (token !== undefined ? Promise.resolve(token) : tokenPromise);
  let lastRefresh = Number.NEGATIVE_INFINITY;
  const refreshToken = async () => {
    // Ask the host's function once per 401 burst, not once per failed batch.
    if (typeof o.token !== 'function' || now() - lastRefresh < 1000) return undefined;
    lastRefresh = now();
    token = undefined;
    tokenPromise = fetchToken();
    return tokenPromise.catch(() => undefined);
  };
  const scope = tokenPromise.then(
    () => {
      const c = $claims.get();
      return c ? `${encodeURIComponent(c.sub)}:${encodeURIComponent(c.uid)}` : 'anonymous';
    },
    () => 'anonymous',
  );

  // ---- consent, events ----
  let consented = o.consent !== false;
  const held: QueuedEvent[] = [];
  const queue = createEventQueue(o, {
    platform,
    url: `${endpoint}/v1/events`,
    key: scope.then((s) => `hr:q:${s}`),
    token: getToken,
    peekToken: () => token,
    refreshToken,
    canSend: () => consented,
    count,
    setQueued: (queued) => $diagnostics.set({ ...$diagnostics.get(), queued: queued + held.length }),
    onNetwork: (online) => {
      const status = $status.get();
      if (status !== 'shutdown' && status !== 'loading') $status.set(online ? 'ready' : 'offline');
    },
  });
  let stopped = false;
  // Random bytes for event ids come from a pooled WebCrypto buffer: one getRandomValues per
  // 256 events instead of one per event keeps the hot path well under a microsecond.
  const pool = new Uint8Array(4096);
  let drawn = pool.length;
  const fill = (bytes: Uint8Array) => {
    if (drawn >= pool.length) {
      crypto.getRandomValues(pool);
      drawn = 0;
    }
    bytes.set(pool.subarray(drawn, drawn + 16));
    drawn += 16;
  };
  const emit = (type: string, fields: Record<string, unknown>) => {
    if (stopped) return;
    const ts = now();
    const event = { id: createEventId(ts, fill), type, ts, ...fields } as QueuedEvent;
    if (consented) queue.push(event);
    else if (o.beforeConsent === 'drop') drop('no consent');
    else held.push(event);
  };

  // ---- ledger (per-user facts across tabs and reloads) ----
  let link: ReturnType<NonNullable<Platform['broadcast']>> | undefined;
  const ledger = createLedger(
    platform,
    scope.then((s) => `hr:l:${s}`),
    () => schedule(),
    () => link?.post('ledger'),
  );

  // ---- meters ----
  const meters = new Map<string, Meter>();
  const usedOf = (id: string) => meters.get(id)?.used.get() ?? $claims.get()?.usage?.[id] ?? 0;
  const meter = (id: string): Meter => {
    const m = meters.get(id);
    if (m) return m;
    const used = atom($claims.get()?.usage?.[id] ?? 0);
    const $ = derive([used, $config, $claims], () => {
      const config = $config.get();
      const claims = $claims.get();
      return meterState({
        used: used.get(),
        limit: config && claims ? meterLimit(config, claims.plan, id) : null,
      });
    });
    const record = (value: number, delta?: number) => {
      used.set(value);
      // Undefined fields vanish in JSON, so optional fields need no branches.
      emit('usage', { meter: id, value, delta });
      schedule();
    };
    const handle: MeterHandle = {
      add: guard((n: number) => {
        if (!isNum(n)) return drop('meter.add');
        record(Math.max(0, used.get() + n), n);
      }),
      set: guard((value: number) => {
        if (!isNum(value) || value < 0) return drop('meter.set');
        self.set = true;
        record(value);
      }),
      $,
    };
    const self: Meter = { used, set: false, handle };
    meters.set(id, self);
    return self;
  };
  const noopMeter: MeterHandle = {
    add: () => drop('meter'),
    set: () => drop('meter'),
    $: atom(meterState({ used: 0, limit: null })),
  };

  // ---- gates ----
  const gates = new Map<string, GateHandle>();
  const lastFeature = () => ledger.list('g').pop()?.[2];
  const gate = (feature: string): GateHandle => {
    let g = gates.get(feature);
    if (g) return g;
    const plan = <T>(fn: (config: HeadroomConfig, plan: string) => T, fallback: T) =>
      derive([$config, $claims], () => {
        const config = $config.get();
        const claims = $claims.get();
        return config && claims ? fn(config, claims.plan) : fallback;
      });
    const $ = plan((config, current) => planIncludes(config, current, feature), true);
    const hit = () => {
      ledger.add('g', feature);
      emit('gate_hit', { feature });
    };
    g = {
      // Unknown config or token: fail open; the host's server enforces entitlements anyway.
      check: guard(() => {
        const entitled = $.get();
        if (!entitled) hit();
        return entitled;
      }, true),
      hit: guard(hit),
      $,
      unlockedBy: plan((config, current) => planUnlocking(config, current, feature), null),
    };
    gates.set(feature, g);
    return g;
  };
  const noopGate: GateHandle = {
    check: () => true,
    hit: () => drop('gate'),
    $: atom(true),
    unlockedBy: atom(null),
  };

  // ---- account history from the edge ----
  let history: Record<string, unknown> | undefined;

  // ---- trigger evaluation, debounced to one microtask per burst of changes ----
  let scheduled = false;
  const schedule = () => {
    if (scheduled || stopped) return;
    scheduled = true;
    queueMicrotask(guard(evaluate));
  };
  function evaluate() {
    scheduled = false;
    const config = $config.get();
    const claims = $claims.get();
    if (!config || !claims) return;
    const t = now();
    const today = epochDay(t);
    const used: Record<string, number> = { ...claims.usage };
    for (const [id, m] of meters) used[id] = m.used.get();
    for (const [id, value] of Object.entries(used)) if (value > 0) ledger.add('p', id, value);
    const meterHistory: Record<string, Array<{ day: number; used: number }>> = {};
    for (const [ts, , id, value = 0] of ledger.list('p')) {
      const days = meterHistory[id] ?? [];
      days.push({ day: epochDay(ts), used: value });
      meterHistory[id] = days;
    }
    const since = t - 90 * DAY_MS;
    const gateHits = mergeHistory(history?.gateHits, 'feature', 'count', ledger.list('g', since));
    const invites = mergeHistory(history?.invites, undefined, 'sent', ledger.list('i', since));
    const triggers = evaluateTriggers({ claims, meters: used, gateHits, invites, meterHistory }, config, t);
    $triggers.set(triggers);
    for (const trigger of triggers) {
      // One trigger_fired per activation per account per day, for funnels and stalled PQLs.
      if (!trigger.fired || ledger.count('t', trigger.id, today * DAY_MS)) continue;
      ledger.add('t', trigger.id);
      emit('trigger_fired', { triggerId: trigger.id, value: trigger.value });
    }
    $prompts.set(
      selectPrompts({ config, claims, triggers, used: usedOf, feature: lastFeature(), ledger, now: t }),
    );
  }
  $config.listen(schedule);
  $claims.listen(schedule);

  const surfaces = new Map<Surface, ReadableAtom<ActivePrompt | null>>();
  const currentOf = (surface: Surface) => {
    let s = surfaces.get(surface);
    if (!s) {
      let last: ActivePrompt | null = null;
      // Same prompt, same copy and values: keep the object so widgets do not re-render.
      s = derive([$prompts], () => {
        const next = $prompts.get()[surface] ?? null;
        if (JSON.stringify(next) !== JSON.stringify(last)) last = next;
        return last;
      });
      surfaces.set(surface, s);
    }
    return s;
  };
  const active = (id: string) => Object.values($prompts.get()).find((p) => p.id === id);
  const promptFields = (p: ActivePrompt) => ({
    promptId: p.id,
    surface: p.surface,
    triggerId: p.trigger.id,
    ...(p.experiment?.enrolled
      ? { experimentId: p.experiment.experimentId, variantId: p.experiment.variantId }
      : {}),
  });
  const expose = (a: Assignment, unitId: string) => {
    const key = `${a.experimentId}|${unitId}`;
    if (!a.enrolled || ledger.count('x', key)) return;
    ledger.add('x', key);
    emit('exposure', { experimentId: a.experimentId, variantId: a.variantId, unitId });
  };
  const unitOf = (experimentId: string) => {
    const claims = $claims.get();
    const experiment = $config.get()?.experiments[experimentId];
    return claims && experiment ? (experiment.unit === 'user' ? claims.uid : claims.sub) : undefined;
  };
  let lastClick: { id: string; at: number } | undefined;
  const clicked = (id: string) => {
    const p = active(id);
    if (!p) return drop('prompts.clicked');
    lastClick = { id, at: now() };
    emit('prompt_clicked', promptFields(p));
  };

  // ---- config and account loading ----
  const configKey = `hr:config:${endpoint}`;
  const loadConfig = async () => {
    const inline = o.config ? parseConfig(o.config) : null;
    if (inline) return $config.set(inline);
    if (o.config) fail('config', 'invalid');
    let cached: { etag?: string; config?: unknown } = {};
    try {
      cached = JSON.parse((await platform.storage.get(configKey)) ?? '{}');
    } catch {}
    const fromCache = parseConfig(cached.config);
    if (fromCache) $config.set(fromCache);
    const res = await platform.fetch(`${endpoint}/v1/config`, {
      headers: fromCache && cached.etag ? { 'if-none-match': cached.etag } : {},
    });
    if (res.status === 304 && fromCache) return;
    if (!res.ok) throw res.status;
    const body: unknown = await res.json();
    const config = parseConfig(body);
    if (!config) throw 'invalid';
    $config.set(config);
    await platform.storage.set(
      configKey,
      JSON.stringify({ etag: res.headers.get('etag') ?? undefined, config: body }),
    );
  };
  const loadAccount = async (retried = false): Promise<void> => {
    const res = await platform.fetch(`${endpoint}/v1/account`, {
      headers: { authorization: `Bearer ${await getToken()}` },
    });
    if (res.status === 401 && !retried && (await refreshToken()) !== undefined) return loadAccount(true);
    if (!res.ok) throw res.status;
    const body: unknown = await res.json();
    history = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const usage = typeof history.usage === 'object' && history.usage !== null ? history.usage : {};
    for (const [id, value] of Object.entries(usage)) {
      const m = isName(id) && isNum(value) ? meter(id) : undefined;
      if (m && !m.set && value > m.used.get()) m.used.set(value);
    }
    schedule();
  };
  let online = true;
  const attempt = (name: string, task: () => Promise<void>) =>
    task().catch((error: unknown) => {
      online = false;
      fail(name, error);
    });
  const started = (async () => {
    await tokenPromise.catch((error: unknown) => fail('token', error));
    if (token !== undefined && !$claims.get()) fail('token', 'invalid claims');
    await Promise.all([attempt('config', loadConfig), attempt('account', loadAccount), ledger.load()]);
    if (!stopped) $status.set(online ? 'ready' : 'offline');
    schedule();
    await queue.flush();
  })();
  const ready = new Promise<void>((resolve) => {
    platform.setTimeout(resolve, READY_TIMEOUT_MS);
    started.then(resolve, resolve);
  });

  const unsubscribe: Array<(() => void) | undefined> = [];
  try {
    unsubscribe.push(
      platform.onHidden?.(() => {
        void ledger.save();
        queue.beacon();
      }),
      platform.onOnline?.(() => void queue.flush()),
    );
  } catch (error) {
    fail('platform', error);
  }
  void scope.then((s) => {
    if (stopped) return;
    link = platform.broadcast?.(`headroom:${s}`, () => void ledger.load());
  });

  const upgrade = async (request: UpgradeRequest, retried = false): Promise<UpgradeDecision> => {
    const r = (typeof request === 'object' && request !== null ? request : {}) as Partial<UpgradeRequest>;
    if (!isName(r.plan)) throw new TypeError('upgrade: invalid plan');
    const seats = isNum(r.seats) && r.seats >= 0 ? Math.round(r.seats) : undefined;
    const needs = Array.isArray(r.needs) ? r.needs.filter(isName).slice(0, 20) : undefined;
    const source = isName(r.source) ? r.source : undefined;
    const prompt = source === undefined ? undefined : active(source);
    if (!retried && prompt && !(lastClick?.id === source && now() - (lastClick?.at ?? 0) < 60_000))
      clicked(prompt.id);
    const res = await platform.fetch(`${endpoint}/v1/route`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: await getToken(), plan: r.plan, seats, needs, source }),
    });
    if (res.status === 401 && !retried && (await refreshToken()) !== undefined) return upgrade(request, true);
    const body = (await res.json().catch(() => null)) as Partial<UpgradeDecision> | null;
    if (!res.ok || !body || !ROUTES.includes(String(body.route))) {
      throw new Error(`upgrade: ${res.status}`);
    }
    const { route, reasons, expansionAcv, checkoutUrl, handoff: h } = body;
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const decision = {
      route,
      reasons: Array.isArray(reasons) ? reasons : [],
      expansionAcv: typeof expansionAcv === 'number' ? expansionAcv : null,
    } as UpgradeDecision;
    if (str(checkoutUrl)) decision.checkoutUrl = checkoutUrl;
    if (h && str(h.id) && str(h.message))
      decision.handoff = { id: h.id, message: h.message, bookingUrl: str(h.bookingUrl) };
    emit('upgrade_routed', {
      plan: r.plan,
      route: decision.route,
      expansionAcv: decision.expansionAcv,
      seats,
      source,
    });
    return decision;
  };

  const sanitize = (props: unknown): Props | undefined => {
    if (typeof props !== 'object' || props === null) return undefined;
    const out: Props = {};
    let n = 0;
    for (const key in props) {
      if (!Object.hasOwn(props, key) || key.length > 64 || ++n > 50) continue;
      const v = (props as Record<string, unknown>)[key];
      if (v === null || typeof v === 'boolean' || isNum(v)) out[key] = v as Props[string];
      else if (typeof v === 'string') out[key] = v.length > 1000 ? v.slice(0, 1000) : v;
    }
    return out;
  };

  return {
    meter: guard((id: string) => (isName(id) ? meter(id).handle : noopMeter), noopMeter),
    gate: guard((feature: string) => (isName(feature) ? gate(feature) : noopGate), noopGate),
    invites: {
      sent: guard((invite: { inviteId: string; channel?: string | undefined }) => {
        if (!isName(invite?.inviteId)) return drop('invites.sent');
        ledger.add('i', invite.inviteId);
        emit('invite_sent', {
          inviteId: invite.inviteId,
          channel: isName(invite.channel) ? invite.channel : undefined,
        });
      }),
      accepted: guard((invite: { inviteId: string }) => {
        if (!isName(invite?.inviteId)) return drop('invites.accepted');
        emit('invite_accepted', { inviteId: invite.inviteId });
      }),
      canNudge: guard((context: string) => {
        const config = $config.get();
        if (!isName(context) || !config || stopped) return false;
        const t = now();
        if (ledger.count('n', context, t - DAY_MS)) return false;
        if (dismissedOut(config, ledger, 'm', context, t)) return false;
        return shownThisWeek(ledger, t) < config.fatigue.maxPromptsPerWeek;
      }, false),
      nudgeShown: guard((context: string) => {
        if (!isName(context)) return drop('invites.nudgeShown');
        if (!ledger.count('n', context, now() - DAY_MS)) ledger.add('n', context);
      }),
      nudgeDismissed: guard((context: string) => {
        if (!isName(context)) return drop('invites.nudgeDismissed');
        ledger.add('m', context);
      }),
    },
    track: guard((name: string, props?: Props) => {
      if (!isName(name)) return drop('track');
      const clean = sanitize(props);
      emit('custom', clean ? { name, props: clean } : { name });
    }),
    triggers: { $: $triggers },
    prompts: {
      current: guard(
        (surface: Surface) => (SURFACES.includes(surface) ? currentOf(surface) : atom(null)),
        atom(null),
      ),
      shown: guard((id: string) => {
        const p = active(id);
        if (!p) return drop('prompts.shown');
        // Counted once per prompt per 24 h, however often the widget re-renders.
        if (ledger.count('s', id, now() - DAY_MS)) return;
        ledger.add('s', id, p.surface === 'modal' ? 1 : 0);
        emit('prompt_shown', promptFields(p));
        const unit = p.experiment ? unitOf(p.experiment.experimentId) : undefined;
        if (p.experiment && unit !== undefined) expose(p.experiment, unit);
      }),
      dismiss: guard((id: string) => {
        const p = active(id);
        if (!p) return drop('prompts.dismiss');
        ledger.add('d', id);
        emit('prompt_dismissed', promptFields(p));
      }),
      clicked: guard(clicked),
    },
    experiment: guard((id: string) => {
      const experiment = isName(id) ? $config.get()?.experiments[id] : undefined;
      const unit = isName(id) ? unitOf(id) : undefined;
      if (!experiment || unit === undefined) return null;
      const assignment = assignVariant({ ...experiment, id }, unit);
      expose(assignment, unit);
      return assignment;
    }, null),
    upgrade: (request) => {
      try {
        return upgrade(request);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    config: { $: $config },
    account: { $: $claims },
    status: { $: $status },
    diagnostics: {
      $: $diagnostics,
      report: guard((error: unknown, context?: string) => {
        fail(String(context ?? 'report').slice(0, 200), error instanceof Error ? error.message : error);
      }),
    },
    ready: () => ready,
    flush: () => queue.flush(),
    consent: guard((granted: boolean) => {
      consented = granted === true;
      if (!consented) return;
      for (const event of held.splice(0)) queue.push(event);
      void queue.flush();
    }),
    shutdown: async () => {
      if (stopped) return;
      try {
        await queue.flush();
        stopped = true;
        $status.set('shutdown');
        for (const off of unsubscribe) off?.();
        link?.close();
        await Promise.all([queue.close(), ledger.save()]);
      } catch (error) {
        fail('shutdown', error);
      }
    },
  };
}
