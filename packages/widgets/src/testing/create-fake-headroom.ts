import {
  type AccountClaims,
  type HeadroomConfig,
  type MeterState,
  meterLimit,
  meterState,
  planIncludes,
  planUnlocking,
  type Surface,
} from '@headroom/core';
import type {
  ActivePrompt,
  Diagnostics,
  GateHandle,
  Headroom,
  HeadroomStatus,
  MeterHandle,
  UpgradeDecision,
  UpgradeRequest,
} from '@headroom/sdk';
import { atom, computed, type ReadableAtom, type WritableAtom } from 'nanostores';

/** Starting state of a fake client. */
export interface FakeHeadroomState {
  config: HeadroomConfig;
  account: AccountClaims;
  /** Current usage per meter id. */
  usage?: Record<string, number> | undefined;
  /** The prompt each surface shows. */
  prompts?: Partial<Record<Surface, ActivePrompt | null>> | undefined;
  /** Answers `upgrade`; by default a `self_serve` decision with a checkout URL. */
  upgrade?: ((request: UpgradeRequest) => Promise<UpgradeDecision>) | undefined;
  /** Answers `invites.canNudge`. @default true */
  canNudge?: ((context: string) => boolean) | undefined;
  /** The SDK's lifecycle status, e.g. `offline` when the edge could not be reached. @default 'ready' */
  status?: HeadroomStatus | undefined;
  /**
   * The `GET /v1/account` answer, `account.body`: e.g. `{ forecasts: { docs: { limit: 1000,
   * reachesOn: '2027-01-24', fired: true } } }` for a usage bar's forecast.
   */
  accountBody?: unknown;
}

/** A method call the fake recorded, for assertions. */
export type FakeCall = { method: string; args: unknown[] };

/** A `Headroom` for tests and stories, with its state in writable atoms and a call log. */
export interface FakeHeadroom extends Headroom {
  readonly calls: FakeCall[];
  readonly $usage: WritableAtom<Record<string, number>>;
  readonly $account: WritableAtom<AccountClaims | null>;
  readonly $config: WritableAtom<HeadroomConfig | null>;
  readonly $status: WritableAtom<HeadroomStatus>;
  /** Sets the prompt a surface shows (null hides it). */
  setPrompt(surface: Surface, prompt: ActivePrompt | null): void;
  /** Calls of one method, newest last. */
  callsOf(method: string): unknown[][];
}

const SURFACES: readonly Surface[] = ['banner', 'modal', 'inline', 'toast'];

/**
 * Builds an in-memory `Headroom`: meters, gates and prompts come from the given state,
 * `dismiss` hides a prompt, and every call is logged. No network, no timers.
 * @example const hr = createFakeHeadroom({ config, account, usage: { seats: 9 } });
 */
export function createFakeHeadroom(state: FakeHeadroomState): FakeHeadroom {
  const calls: FakeCall[] = [];
  const log = (method: string, ...args: unknown[]) => {
    calls.push({ method, args });
  };
  const $config = atom<HeadroomConfig | null>(state.config);
  const $account = atom<AccountClaims | null>(state.account);
  const $usage = atom<Record<string, number>>({ ...state.usage });
  const $status = atom<HeadroomStatus>(state.status ?? 'ready');
  const $diagnostics = atom<Diagnostics>({
    sent: 0,
    queued: 0,
    retried: 0,
    dropped: 0,
    evicted: 0,
    errors: 0,
  });
  const promptAtoms = new Map<Surface, WritableAtom<ActivePrompt | null>>(
    SURFACES.map((surface) => [surface, atom(state.prompts?.[surface] ?? null)]),
  );
  const meters = new Map<string, MeterHandle>();
  const gates = new Map<string, GateHandle>();
  const $plan = computed($account, (account) => account?.plan ?? '');

  const meter = (id: string): MeterHandle => {
    let handle = meters.get(id);
    if (!handle) {
      // Like the SDK: the host's value, else the token's usage claim, else 0.
      const $: ReadableAtom<MeterState> = computed([$usage, $config, $account], (usage, config, account) =>
        meterState({
          used: usage[id] ?? account?.usage?.[id] ?? 0,
          limit: config && account ? meterLimit(config, account.plan, id, account.seats) : null,
        }),
      );
      handle = {
        $,
        add: (n) => {
          log('meter.add', id, n);
          $usage.set({ ...$usage.get(), [id]: ($usage.get()[id] ?? 0) + n });
        },
        set: (value) => {
          log('meter.set', id, value);
          $usage.set({ ...$usage.get(), [id]: value });
        },
      };
      meters.set(id, handle);
    }
    return handle;
  };

  const gate = (feature: string): GateHandle => {
    let handle = gates.get(feature);
    if (!handle) {
      // Like the SDK: entitled while config or account is unknown (fail open).
      const $ = computed([$config, $account], (config, account) =>
        config && account ? planIncludes(config, account.plan, feature) : true,
      );
      const unlockedBy = computed([$config, $plan], (config, plan) =>
        config ? planUnlocking(config, plan, feature) : null,
      );
      handle = {
        $,
        unlockedBy,
        hit: () => log('gate.hit', feature),
        check: () => {
          const ok = $.get();
          if (!ok) log('gate.hit', feature);
          return ok;
        },
      };
      gates.set(feature, handle);
    }
    return handle;
  };

  const upgrade =
    state.upgrade ??
    (async (request: UpgradeRequest): Promise<UpgradeDecision> => ({
      route: 'self_serve',
      reasons: ['below_assist_threshold'],
      expansionAcv: 1000,
      checkoutUrl: `https://billing.example.com/checkout?plan=${encodeURIComponent(request.plan)}`,
    }));

  const prompt = (surface: Surface) => promptAtoms.get(surface) ?? atom(null);

  return {
    calls,
    $usage,
    $account,
    $config,
    $status,
    setPrompt: (surface, value) => prompt(surface).set(value),
    callsOf: (method) => calls.filter((c) => c.method === method).map((c) => c.args),
    meter,
    gate,
    invites: {
      sent: (invite) => log('invites.sent', invite),
      accepted: (invite) => log('invites.accepted', invite),
      canNudge: (context) => state.canNudge?.(context) ?? true,
      nudgeShown: (context) => log('invites.nudgeShown', context),
      nudgeDismissed: (context) => log('invites.nudgeDismissed', context),
    },
    track: (name, props) => log('track', name, props),
    triggers: { $: atom([]) },
    prompts: {
      current: (surface) => prompt(surface),
      shown: (id) => log('prompts.shown', id),
      clicked: (id) => log('prompts.clicked', id),
      dismiss: (id) => {
        log('prompts.dismiss', id);
        for (const store of promptAtoms.values()) if (store.get()?.id === id) store.set(null);
      },
    },
    experiment: (id) => {
      log('experiment', id);
      return null;
    },
    upgrade: (request) => {
      log('upgrade', request);
      return upgrade(request);
    },
    config: { $: $config },
    account: { $: $account, body: state.accountBody },
    status: { $: $status },
    diagnostics: {
      $: $diagnostics,
      report: (error, context) => {
        log('diagnostics.report', error, context);
        const d = $diagnostics.get();
        $diagnostics.set({
          ...d,
          errors: d.errors + 1,
          lastError: `${context ?? 'widget'}: ${String(error)}`,
        });
      },
    },
    ready: async () => {},
    flush: async () => {},
    consent: (granted) => log('consent', granted),
    shutdown: async () => log('shutdown'),
  };
}
