import {
  type AccountClaims,
  type Assignment,
  assignVariant,
  createEventId,
  DAY_MS,
  type ExperimentConfig,
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
import { atom, type WritableAtom } from 'nanostores';
import { browserPlatform } from './browser-platform.ts';
import { buildSnapshot } from './build-snapshot.ts';
import { createLedger } from './create-ledger.ts';
import { createReporter } from './create-reporter.ts';
import { createTokenSource } from './create-token-source.ts';
import { decodeClaims } from './decode-claims.ts';
import { derive } from './derive.ts';
import { createEventQueue, type QueuedEvent } from './event-queue.ts';
import { isName, isNum } from './is-valid.ts';
import { loadConfig } from './load-config.ts';
import { parseConfig } from './parse-config.ts';
import { randomPool } from './random-pool.ts';
import { requestUpgrade, upgradeBody } from './request-upgrade.ts';
import { sanitizeProps } from './sanitize-props.ts';
import { dismissedOut, selectPrompts, shownThisWeek } from './select-prompts.ts';
import type {
  ActivePrompt,
  GateHandle,
  Headroom,
  HeadroomOptions,
  HeadroomStatus,
  MeterHandle,
  Platform,
  UpgradeDecision,
  UpgradeRequest,
} from './types.ts';
import { withFallbacks } from './with-fallbacks.ts';

// `raise`: the account's own count raises the value, until the host sets it.
type Meter = { $used: WritableAtom<number>; raise: (value: number) => void; handle: MeterHandle };

/** `build(id)` once per id, kept in `map`. */
const cached =
  <T>(map: Map<string, T>, build: (id: string) => T) =>
  (id: string): T =>
    map.get(id) ?? (map.set(id, build(id)).get(id) as T);

/**
 * Creates the browser client: meters, gates, invites and custom events go to a durable
 * queue; triggers and prompts are decided locally from the configuration. No method throws.
 * @example
 * const hr = createHeadroom({ endpoint: 'https://headroom.example.com', token: () => getToken() });
 * hr.meter('api_calls').add(1);
 * hr.prompts.current('banner').subscribe((prompt) => render(prompt));
 */
export function createHeadroom(options: HeadroomOptions): Headroom {
  const o: Partial<HeadroomOptions> = Object(options);
  const host: Platform = { ...browserPlatform(), ...o.platform };
  const endpoint = String(o.endpoint ?? '').replace(/\/+$/, '');
  const now = () => platform.now();

  const $config = atom<HeadroomConfig | null>(null);
  const $claims = atom<AccountClaims | null>(null);
  const $status = atom<HeadroomStatus>('loading');
  const $triggers = atom<TriggerResult[]>([]);
  const { $diagnostics, tally, drop, fail, guard } = createReporter(host, o.debug);
  // Storage that refuses writes and locks that throw are reported once each, then worked around.
  const platform = withFallbacks(host, (what, error) => {
    const d = $diagnostics.get();
    $diagnostics.set({ ...d, degraded: [...(d.degraded ?? []), what] });
    fail(what, error);
  });

  // ---- token and account key ----
  const tokens = createTokenSource(o.token, now, (token) => $claims.set(decodeClaims(token)));
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
    account: scope.then(() => $claims.get()?.sub),
    accountOf: (token) => decodeClaims(token)?.sub,
    tokens,
    canSend: () => consented,
    tally,
    fail,
    setQueued: (queued, otherAccount = $diagnostics.get().otherAccount) =>
      $diagnostics.set({ ...$diagnostics.get(), queued: queued + held.length, otherAccount }),
    onNetwork: (online) => {
      const status = $status.get();
      if (status === 'ready' || status === 'offline') $status.set(online ? 'ready' : 'offline');
    },
  });
  let stopped = false;
  const fill = randomPool();
  // The event, or undefined when none was queued (stopped, or dropped without consent).
  const emit = (type: string, fields: Record<string, unknown>) => {
    if (stopped) return;
    const ts = now();
    // The account it is tracked under (set at the first write when no token is known yet).
    const accountId = $claims.get()?.sub;
    const event = { id: createEventId(ts, fill), type, ts, accountId, ...fields } as QueuedEvent;
    if (consented) queue.push(event);
    else if (o.beforeConsent === 'drop') {
      drop('no consent');
      return;
    } else held.push(event);
    return event;
  };

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

  // A core helper's answer for the account's plan and an id, once config and claims are known.
  const forPlan = <T>(fn: (config: HeadroomConfig, plan: string, id: string) => T, id: string) => {
    const config = $config.get();
    const claims = $claims.get();
    return config && claims ? fn(config, claims.plan, id) : undefined;
  };

  // The prompt each surface shows now.
  const surfaces = new Map(
    (['banner', 'modal', 'inline', 'toast'] as const).map((surface) => [
      surface,
      atom<ActivePrompt | null>(null),
    ]),
  );

  // ---- meters ----
  const meters = new Map<string, Meter>();
  const meter = cached(meters, (id): Meter => {
    const $used = atom($claims.get()?.usage?.[id] ?? 0);
    const $ = derive([$used, $config, $claims], () =>
      meterState({ used: $used.get(), limit: forPlan(meterLimit, id) ?? null }),
    );
    // Usage is a counter, not a stream: calls until the queue next hands its events on fold
    // into one event (summed delta, latest value, number of calls), so a burst of 100,000
    // adds is one event with the exact total, not 100,000 evicting each other.
    let open: QueuedEvent | undefined;
    let openEpoch = -1;
    const record = (value: number, delta?: number) => {
      $used.set(value);
      if (open && openEpoch === queue.epoch()) {
        open.value = value;
        if (delta !== undefined) open.delta = ((open.delta as number | undefined) ?? 0) + delta;
        (open.calls as number)++;
      } else {
        openEpoch = queue.epoch();
        // Undefined fields vanish in JSON, so optional fields need no branches.
        open = emit('usage', { meter: id, value, delta, calls: 1 });
      }
      schedule();
    };
    let hostSet = false;
    return {
      $used,
      raise: (value) => {
        if (!hostSet && value > $used.get()) $used.set(value);
      },
      handle: {
        add: guard((n: number) => {
          if (!isNum(n)) return drop('meter.add');
          record(Math.max(0, $used.get() + n), n);
        }),
        set: guard((value: number) => {
          if (!isNum(value) || value < 0) return drop('meter.set');
          hostSet = true;
          record(value);
        }),
        $,
      },
    };
  });
  const noopMeter: MeterHandle = {
    add: () => drop('meter'),
    set: () => drop('meter'),
    $: atom(meterState({ used: 0, limit: null })),
  };

  // ---- gates ----
  const gates = new Map<string, GateHandle>();
  const gate = cached(gates, (feature): GateHandle => {
    const $ = derive([$config, $claims], () => forPlan(planIncludes, feature) ?? true);
    const hit = () => {
      ledger.mark('g', feature);
      emit('gate_hit', { feature });
    };
    return {
      // Unknown config or token: fail open; the host's server enforces entitlements anyway.
      check: guard(() => {
        const entitled = $.get();
        if (!entitled) hit();
        return entitled;
      }, true),
      hit: guard(hit),
      $,
      unlockedBy: derive([$config, $claims], () => forPlan(planUnlocking, feature) ?? null),
    };
  });
  // The store of null that unknown gates and surfaces get.
  const none = atom(null);
  const noopGate: GateHandle = {
    check: () => true,
    hit: () => drop('gate'),
    $: atom(true),
    unlockedBy: none,
  };

  // ---- account history from the edge ----
  let history: Record<string, unknown> | undefined;

  // What schedule() runs: triggers, then the prompt of each surface.
  function evaluate() {
    scheduled = false;
    const config = $config.get();
    const claims = $claims.get();
    // Before the first ledger load, fatigue and history are unknown: a dismissed prompt would
    // flash back and a trigger would fire again.
    if (!config || !claims || !loaded) return;
    const t = now();
    const used: Record<string, number> = { ...claims.usage };
    for (const [id, m] of meters) used[id] = m.$used.get();
    for (const [id, value] of Object.entries(used)) if (value > 0) ledger.mark('p', id, value);
    const snapshot = buildSnapshot(claims, used, ledger, history, t);
    const triggers = evaluateTriggers(snapshot, config, t);
    $triggers.set(triggers);
    // One trigger_fired per activation per account per day, for funnels and stalled PQLs.
    for (const trigger of triggers)
      if (trigger.fired && ledger.once('t', trigger.id, epochDay(t) * DAY_MS))
        // A zero limit makes a ratio of Infinity, which JSON would turn into an invalid null.
        emit('trigger_fired', {
          triggerId: trigger.id,
          value: isNum(trigger.value) ? trigger.value : undefined,
        });
    const next = selectPrompts({ ...snapshot, config, triggers, ledger, now: t });
    // Same prompt, same copy and values: keep the object so widgets do not re-render.
    for (const [surface, $] of surfaces) {
      const p = next[surface] ?? null;
      if (JSON.stringify(p) !== JSON.stringify($.get())) $.set(p);
    }
  }
  $config.listen(schedule);
  $claims.listen(schedule);

  // A public method whose first argument must be a name (anything else is dropped and counted)
  // and that takes at most one more.
  const named = (call: string, fn: (name: string, arg?: unknown) => unknown) =>
    guard((name: string, arg?: unknown) => {
      if (!isName(name)) return drop(call);
      fn(name, arg);
    });
  const active = (id: string | undefined) => {
    for (const $ of surfaces.values()) if ($.get()?.id === id) return $.get();
    return undefined;
  };
  // A prompt method: an id of no prompt on screen is dropped and counted.
  const onPrompt = (call: string, fn: (p: ActivePrompt) => void) =>
    guard((id: string) => {
      const p = active(id);
      if (!p) return drop(call);
      fn(p);
    });
  const unitOf = (experimentId: string) => {
    const claims = $claims.get();
    const experiment = $config.get()?.experiments[experimentId];
    if (claims && experiment) return experiment.unit === 'user' ? claims.uid : claims.sub;
    return undefined;
  };
  const promptEvent = (type: string, { id, surface, trigger, experiment }: ActivePrompt) => {
    emit(type, {
      promptId: id,
      surface,
      triggerId: trigger.id,
      ...(experiment?.enrolled && { experimentId: experiment.experimentId, variantId: experiment.variantId }),
    });
  };
  // Logs the unit's exposure once, the first time it sees its variant.
  const expose = (a: Assignment, unitId = unitOf(a.experimentId)) => {
    if (unitId !== undefined && a.enrolled && ledger.once('x', `${a.experimentId}|${unitId}`))
      emit('exposure', { experimentId: a.experimentId, variantId: a.variantId, unitId });
  };
  let lastClickId: string | undefined;
  let lastClickAt = 0;
  const clicked = onPrompt('prompts.clicked', (p) => {
    lastClickId = p.id;
    lastClickAt = now();
    promptEvent('prompt_clicked', p);
  });

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
    history = Object(await res.json());
    for (const [id, value] of Object.entries<unknown>(Object(history?.usage))) {
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

  const upgrade = async (request: UpgradeRequest): Promise<UpgradeDecision> => {
    const body = upgradeBody(request);
    // A click on a prompt that the host did not report is logged before the routing.
    const prompt = active(body.source);
    if (prompt && (lastClickId !== prompt.id || now() - lastClickAt >= 60_000)) clicked(prompt.id);
    const answer = await requestUpgrade(platform, endpoint, body, tokens.send);
    emit('upgrade_routed', {
      ...body,
      needs: undefined,
      route: answer.route,
      expansionAcv: answer.expansionAcv,
    });
    return answer;
  };

  return {
    meter: guard((id: string) => (isName(id) ? meter(id).handle : noopMeter), noopMeter),
    gate: guard((feature: string) => (isName(feature) ? gate(feature) : noopGate), noopGate),
    invites: {
      sent: guard((invite: { inviteId: string; channel?: string | undefined }) => {
        if (!isName(invite?.inviteId)) return drop('invites.sent');
        ledger.mark('i', invite.inviteId);
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
        const t = now();
        return (
          isName(context) &&
          !!config &&
          !stopped &&
          !ledger.countOf('n', context, t - DAY_MS) &&
          !dismissedOut(config, ledger, 'm', context, t) &&
          shownThisWeek(ledger, t) < config.fatigue.maxPromptsPerWeek
        );
      }, false),
      nudgeShown: named('invites.nudgeShown', (context) => ledger.once('n', context, now() - DAY_MS)),
      nudgeDismissed: named('invites.nudgeDismissed', (context) => ledger.mark('m', context)),
    },
    track: named('track', (name, props) => emit('custom', { name, props: sanitizeProps(props) })),
    triggers: { $: $triggers },
    prompts: {
      current: guard((surface: Surface) => surfaces.get(surface) ?? none, none),
      shown: onPrompt('prompts.shown', (p) => {
        // Counted once per prompt per 24 h, however often the widget re-renders.
        if (!ledger.once('s', p.id, now() - DAY_MS, p.surface === 'modal' ? 1 : 0)) return;
        promptEvent('prompt_shown', p);
        if (p.experiment) expose(p.experiment);
      }),
      dismiss: onPrompt('prompts.dismiss', (p) => {
        ledger.mark('d', p.id);
        promptEvent('prompt_dismissed', p);
      }),
      clicked,
    },
    experiment: guard((id: string) => {
      const unit = isName(id) ? unitOf(id) : undefined;
      if (unit === undefined) return null;
      // A unit is only known for an experiment of the config.
      const assignment = assignVariant({ ...($config.get()?.experiments[id] as ExperimentConfig), id }, unit);
      expose(assignment, unit);
      return assignment;
    }, null),
    // Async, so even a throw in upgradeBody() becomes a rejection, never a throw into the host.
    upgrade,
    config: { $: $config },
    account: { $: $claims },
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
