import {
  type AccountClaims,
  evaluateBrowserTriggers,
  type HeadroomConfig,
  type TriggerResult,
} from '@headroom/core';
import { type AccountHistory, readHistory } from './account-history.ts';
import { browserPlatform } from './browser-platform.ts';
import { buildSnapshot } from './build-snapshot.ts';
import type { ClientContext } from './client-context.ts';
import { createLedger } from './create-ledger.ts';
import { createReporter } from './create-reporter.ts';
import { createTokenSource } from './create-token-source.ts';
import { decodeClaims } from './decode-claims.ts';
import { createEventQueue, type QueuedEvent } from './event-queue.ts';
import { createExperiments } from './experiments.ts';
import { createGate, noopGate } from './gate.ts';
import { createInvites } from './invites.ts';
import { isName, isNum } from './is-valid.ts';
import { loadConfig } from './load-config.ts';
import { createMeter, type Meter, noopMeter } from './meter.ts';
import { parseConfig } from './parse-config.ts';
import { createPrompts } from './prompts.ts';
import { sanitizeProps } from './sanitize-props.ts';
import { selectPrompts } from './select-prompts.ts';
import { store } from './store.ts';
import type { GateHandle, Headroom, HeadroomOptions, HeadroomStatus, Platform } from './types.ts';
import { createUpgrade } from './upgrade.ts';
import { withFallbacks } from './with-fallbacks.ts';

/** `build(id)` once per id, kept in `map`. */
const cached =
  <T>(map: Map<string, T>, build: (id: string) => T) =>
  (id: string): T =>
    map.get(id) ?? (map.set(id, build(id)).get(id) as T);

/**
 * Creates the browser client: meters, gates, invites and custom events go to a durable
 * queue; triggers and prompts are decided locally from the configuration. No method throws.
 * This file wires the parts (meter.ts, gate.ts, invites.ts, prompts.ts, experiments.ts,
 * upgrade.ts) and runs the lifecycle: start-up, evaluation, consent and shutdown.
 * @example
 * const hr = createHeadroom({ endpoint: 'https://headroom.example.com', token: () => getToken() });
 * hr.meter('api_calls').add(1);
 * hr.prompts.current('banner').subscribe((prompt) => render(prompt));
 */
export function createHeadroom(options: HeadroomOptions): Headroom {
  const o: Partial<HeadroomOptions> = Object(options);
  const host: Platform = { ...browserPlatform(), ...o.platform };
  const endpoint = String(o.endpoint ?? '').replace(/\/+$/, '');
  const clock = () => platform.now();

  const $config = store<HeadroomConfig | null>(null);
  const $claims = store<AccountClaims | null>(null);
  const $status = store<HeadroomStatus>('loading');
  const $triggers = store<TriggerResult[]>([]);
  const { $diagnostics, tally, drop, fail, guard } = createReporter(host, o.debug);
  // Storage that refuses writes and locks that throw are reported once each, then worked around.
  const platform = withFallbacks(host, (what, error) => {
    const d = $diagnostics.get();
    $diagnostics.set({ ...d, degraded: [...(d.degraded ?? []), what] });
    fail(what, error);
  });

  // ---- token and account key ----
  const tokens = createTokenSource(o.token, clock, (token) => $claims.set(decodeClaims(token)));
  // The account key, once the first token is known. A token that cannot be had or read, or
  // claims that cannot be a key (a lone surrogate makes encodeURIComponent throw), are
  // reported and leave the client anonymous rather than stuck loading.
  const scope = tokens.first
    .then(() => {
      const c = $claims.get();
      if (!c) throw 'invalid claims';
      return `${encodeURIComponent(c.sub)}:${encodeURIComponent(c.uid)}`;
    })
    .catch((error: unknown) => {
      fail('token', error);
      return 'anonymous';
    });

  // ---- consent, events ----
  let consented = o.consent !== false;
  const held: QueuedEvent[] = [];
  const queue = createEventQueue(o, {
    platform,
    url: `${endpoint}/v1/events`,
    key: scope.then((s) => `hr:q:${s}`),
    firstAccount: scope.then(() => $claims.get()?.sub),
    accountOf: (token) => decodeClaims(token)?.sub,
    tokens,
    canSend: () => consented,
    tally,
    fail,
    setQueued: (queued, otherAccount = $diagnostics.get().otherAccount) =>
      $diagnostics.set({ ...$diagnostics.get(), queued: queued + held.length, otherAccount }),
    // Ready means the account's data is loaded: events getting through do not make it so (the
    // widgets would read an account that never answered as known usage).
    onNetwork: (online) => {
      const status = $status.get();
      if (status === 'ready' || status === 'offline') $status.set(online && history ? 'ready' : 'offline');
    },
  });
  let stopped = false;

  // ---- trigger evaluation, debounced to one microtask per burst of changes ----
  let scheduled = false;
  let loaded = false;
  const schedule = () => {
    if (scheduled || stopped) return;
    scheduled = true;
    queueMicrotask(guard(evaluate));
  };

  // ---- ledger (per-user facts across tabs and reloads) ----
  let link: ReturnType<NonNullable<Platform['broadcast']>> | undefined;
  const ledger = createLedger(
    platform,
    scope.then((s) => `hr:l:${s}`),
    schedule,
    () => link?.post('ledger'),
  );

  const client: ClientContext = {
    $config,
    $claims,
    clock,
    emit: (type, fields) => {
      if (stopped) return;
      const ts = clock();
      // The account it is tracked under (set at the first write when no token is known yet).
      const accountId = $claims.get()?.sub;
      // No id yet: the queue stamps one (of `ts`) when it hands the event on.
      const event = { type, ts, accountId, ...fields } as QueuedEvent;
      if (consented) queue.push(event);
      else if (o.beforeConsent === 'drop') {
        drop('no consent');
        return;
      } else held.push(event);
      return event;
    },
    schedule,
    forPlan: (fn, id) => {
      const config = $config.get();
      const claims = $claims.get();
      return config && claims ? fn(config, claims.plan, id, claims.seats) : undefined;
    },
    ledger,
    guard,
    drop,
    named: (call, fn) =>
      guard((name: string, arg?: unknown) => {
        if (!isName(name)) return drop(call);
        fn(name, arg);
      }),
    stopped: () => stopped,
  };

  const meters = new Map<string, Meter>();
  const meter = cached(meters, (id) => createMeter(client, queue, id));
  const noMeter = noopMeter(drop);
  // The store of null that unknown gates and surfaces get.
  const none = store(null);
  const gate = cached(new Map<string, GateHandle>(), (feature) => createGate(client, feature));
  const noGate = noopGate(drop, none);
  const experiments = createExperiments(client);
  const prompts = createPrompts(client, experiments.expose, none);

  // ---- account history from the edge ----
  let history: AccountHistory | undefined;
  // `body`: the raw answer, for optional readers (`@headroom/sdk/forecast`) the main entry omits.
  const account: { $: typeof $claims; body?: unknown } = { $: $claims };

  // What schedule() runs: triggers, then the prompt of each surface.
  function evaluate() {
    scheduled = false;
    const config = $config.get();
    const claims = $claims.get();
    // Before the first ledger load, fatigue and history are unknown: a dismissed prompt would
    // flash back and a trigger would fire again.
    if (!config || !claims || !loaded) return;
    const now = clock();
    const used: Record<string, number> = { ...claims.usage };
    for (const [id, m] of meters) used[id] = m.$used.get();
    const snapshot = buildSnapshot(claims, used, ledger, history, now);
    const triggers = evaluateBrowserTriggers(snapshot, config, now);
    $triggers.set(triggers);
    const next = selectPrompts({
      ...snapshot,
      config,
      triggers,
      ledger,
      now,
      onPage: prompts.surfaces,
    });
    // Same prompt, same copy and values: keep the object so widgets do not re-render.
    for (const [surface, $] of prompts.surfaces) {
      const p = next[surface] ?? null;
      if (JSON.stringify(p) !== JSON.stringify($.get())) $.set(p);
    }
  }
  $config.listen(schedule);
  $claims.listen(schedule);

  // ---- config and account loading ----
  const configure = async () => {
    const inline = parseConfig(o.config);
    if (inline) return $config.set(inline);
    if (o.config) fail('config', 'invalid');
    await loadConfig(platform, endpoint, $config);
  };
  const loadAccount = async () => {
    const res = await tokens.send((token) =>
      platform.fetch(`${endpoint}/v1/account`, { headers: { authorization: `Bearer ${token}` } }),
    );
    if (!res.ok) throw res.status;
    account.body = await res.json();
    history = readHistory(account.body);
    for (const [id, value] of Object.entries(history.usage)) {
      if (isName(id) && isNum(value)) meter(id).raise(value);
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
    await scope;
    await Promise.all([
      attempt('config', configure),
      attempt('account', loadAccount),
      // A storage that cannot be read leaves an empty history, reported, not a stuck client.
      ledger
        .load()
        .catch((error: unknown) => fail('ledger', error))
        .finally(() => {
          loaded = true;
        }),
    ]);
    if (!stopped) $status.set(online ? 'ready' : 'offline');
    schedule();
    await queue.flush();
  })();
  // Start-up done, or 5 s at the latest (a broken platform timer is reported, not thrown).
  const ready = new Promise<void>((resolve) => {
    started.then(resolve, resolve);
    guard(() => platform.setTimeout(resolve, 5000))();
  });

  const unsubscribe: Array<(() => void) | undefined> = [];
  try {
    unsubscribe.push(
      platform.onHidden?.(() => {
        ledger.stash();
        void ledger.save();
        queue.beacon();
      }),
      platform.onOnline?.(() => void queue.flush()),
    );
  } catch (error) {
    fail('platform', error);
  }
  void scope
    .then((s) => {
      if (!stopped) link = platform.broadcast?.(`headroom:${s}`, () => void ledger.load());
    })
    .catch((error: unknown) => fail('platform', error));

  return {
    meter: guard((id: string) => (isName(id) ? meter(id).handle : noMeter), noMeter),
    gate: guard((feature: string) => (isName(feature) ? gate(feature) : noGate), noGate),
    invites: createInvites(client),
    track: client.named('track', (name, props) =>
      client.emit('custom', { name, props: sanitizeProps(props) }),
    ),
    triggers: { $: $triggers },
    prompts: prompts.api,
    experiment: experiments.variantOf,
    upgrade: createUpgrade(platform, endpoint, tokens.send, prompts.clickBeforeUpgrade),
    config: { $: $config },
    account,
    status: { $: $status },
    diagnostics: {
      $: $diagnostics,
      report: guard((error: unknown, context?: string) =>
        fail(String(context ?? 'report').slice(0, 200), error instanceof Error ? error.message : error),
      ),
    },
    ready: () => ready,
    flush: () => queue.flush(),
    consent: guard((granted: boolean) => {
      consented = granted === true;
      if (consented) {
        for (const event of held.splice(0)) queue.push(event);
        void queue.flush();
      }
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
