import {
  assignVariant,
  createEventId,
  DAY_MS,
  type HeadroomConfig,
  type HeadroomEvent,
  inTriggerHoldout,
} from '@headroom/core';
import { createEdgeApp, type LogLine, type Storage, signAccountToken } from '@headroom/edge';

/** What `seedHistory` needs: the demo's store, config and secrets. */
export interface SeedHistoryOptions {
  storage: Storage;
  config: HeadroomConfig;
  secret: string;
  serverKey: string;
  /** Synthetic accounts. @default 500 */
  accounts?: number;
  /** The real time the history ends at. @default Date.now() */
  now?: number;
  /** Seed of the pseudo-random numbers: the same seed gives the same history. @default 42 */
  seed?: number;
  /** The seeding edge's log lines; by default only warnings and errors, to stderr. */
  log?: (line: LogLine) => void;
}

/** What was seeded. */
export interface SeededHistory {
  accounts: number;
  /** Accounts whose trigger fired, by trigger id, split by holdout arm. */
  fires: Record<string, { exposed: number; heldOut: number }>;
  /** Server-reported upgrades. */
  upgrades: number;
}

// Which play an account runs into, and how often: the demo's three kinds of trigger.
const PLAYS = [
  { trigger: 'usage_ceiling', share: 0.5 },
  { trigger: 'collaboration_surge', share: 0.35 },
  { trigger: 'feature_exploration', share: 0.15 },
] as const;
// Chance to upgrade within 30 days of the fire: shown the prompt (per experiment variant for
// the usage prompt) or held out. The gaps are what the console should find again.
const UPGRADE_RATE = { control: 0.1, momentum: 0.4, shown: 0.22, heldOut: 0.05 };
const SEGMENTS = [
  { segment: 'smb', share: 0.7, seats: 8 },
  { segment: 'mid_market', share: 0.22, seats: 40 },
  { segment: 'enterprise', share: 0.08, seats: 150 },
] as const;
const HISTORY_DAYS = 170;
// Fires are older than the holdout report's 60-day outcome window, so every one is judged.
const NEWEST_FIRE_DAYS = 75;

/**
 * Fills a fresh store with five months of synthetic accounts through the real edge (its
 * ingest, evaluation, holdouts and aggregates), on a simulated clock: each account is
 * activated, later runs into one trigger (usage at 85 % of a limit, a burst of invites, or
 * three gated features), sees the prompt unless it is in the trigger's holdout, and may
 * upgrade in the following weeks (reported by the backend). So the console opens on an
 * experiment with a sequential verdict and a trigger holdout with a lift to read.
 */
export async function seedHistory(options: SeedHistoryOptions): Promise<SeededHistory> {
  const { config, secret, serverKey } = options;
  const accounts = options.accounts ?? 500;
  const end = options.now ?? Date.now();
  let state = options.seed ?? 42;
  const random = () => {
    // A linear congruential generator: deterministic and good enough for a demo.
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const pick = <T extends { share: number }>(options: readonly T[]): T => {
    let roll = random();
    for (const option of options) {
      roll -= option.share;
      if (roll < 0) return option;
    }
    return options[options.length - 1] as T;
  };

  let clock = end - HISTORY_DAYS * DAY_MS;
  // Only to read one report at the end, which waits for every evaluation still scheduled.
  const adminToken = `${crypto.randomUUID()}${crypto.randomUUID()}`;
  const edge = createEdgeApp({
    storage: options.storage,
    secret,
    serverKey,
    adminToken,
    config,
    rateLimit: false,
    now: () => clock,
    log:
      options.log ??
      ((line) => {
        if (line.level === 'warn' || line.level === 'error') console.error(JSON.stringify(line));
      }),
  });
  await edge.ready;
  const call = async (path: string, init: { body?: unknown; bearer?: string } = {}) => {
    const response = await edge.fetch(
      new Request(`http://seed.local${path}`, {
        method: init.body === undefined ? 'GET' : 'POST',
        headers: {
          'content-type': 'application/json',
          ...(init.bearer ? { authorization: `Bearer ${init.bearer}` } : {}),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      }),
    );
    if (!response.ok) throw new Error(`seeding ${path}: HTTP ${response.status} ${await response.text()}`);
    return response;
  };

  const fires: SeededHistory['fires'] = {};
  let upgrades = 0;
  const team = config.plans.team;
  const apiLimit = team?.limits?.api_calls ?? 100_000;
  const upgradesDue: Array<{ at: number; event: Record<string, unknown> }> = [];

  for (let n = 0; n < accounts; n++) {
    const accountId = `acct_hist_${String(n).padStart(4, '0')}`;
    const play = pick(PLAYS);
    const trigger = config.triggers.find((t) => t.id === play.trigger);
    if (!trigger) throw new Error(`the demo config has no trigger ${play.trigger}`);
    const { segment, seats } = pick(SEGMENTS);
    const firedAt = end - (NEWEST_FIRE_DAYS + random() * (HISTORY_DAYS - NEWEST_FIRE_DAYS - 40)) * DAY_MS;
    clock = firedAt;
    const claims = {
      sub: accountId,
      uid: `${accountId}_admin`,
      plan: 'team',
      segment,
      seats,
      acv: seats * 180,
      activatedAt: new Date(firedAt - 120 * DAY_MS).toISOString(),
      health: 85,
    };
    const token = await signAccountToken(claims, secret, {
      expiresIn: '1h',
      now: Math.floor(clock / 1000),
    });
    const events: Array<Omit<HeadroomEvent, 'accountId' | 'userId'>> = [];
    let offset = 0;
    const event = (fields: Record<string, unknown>) => {
      const ts = firedAt - 60_000 + offset++ * 1000;
      events.push({ id: createEventId(ts), ts, ...fields } as Omit<HeadroomEvent, 'accountId' | 'userId'>);
    };
    if (play.trigger === 'usage_ceiling') {
      event({ type: 'usage', meter: 'api_calls', value: Math.round(apiLimit * 0.85) });
    } else if (play.trigger === 'collaboration_surge') {
      for (let i = 0; i < 6; i++) event({ type: 'invite_sent', inviteId: `${accountId}_invite_${i}` });
    } else {
      for (const feature of ['sso', 'audit_log', 'automations']) event({ type: 'gate_hit', feature });
    }
    await call('/v1/events', { body: { token, sentAt: clock, events: events.splice(0) } });
    // The edge evaluates the account now (server truth): its trigger fires, held out or not.
    await call('/v1/account', { bearer: token });

    const heldOut = inTriggerHoldout(trigger, accountId);
    const arm = fires[trigger.id] ?? { exposed: 0, heldOut: 0 };
    fires[trigger.id] = arm;
    if (heldOut) arm.heldOut++;
    else arm.exposed++;
    let rate = UPGRADE_RATE.heldOut;
    if (!heldOut) {
      // What the SDK would report: the prompt shown, and for the usage prompt its copy's variant.
      clock = firedAt + 5 * 60_000;
      const promptId = trigger.prompt ?? 'usage_upgrade';
      rate = UPGRADE_RATE.shown;
      const experiment = Object.entries(config.experiments).find(([, e]) =>
        promptId === 'usage_upgrade' ? e.goal === 'upgrade_completed' : false,
      );
      if (experiment) {
        const [experimentId, settings] = experiment;
        const { variantId } = assignVariant({ id: experimentId, ...settings }, accountId);
        event({ type: 'exposure', experimentId, variantId });
        rate = variantId === 'momentum' ? UPGRADE_RATE.momentum : UPGRADE_RATE.control;
      }
      event({ type: 'prompt_shown', promptId, triggerId: trigger.id, surface: 'banner' });
      if (random() < 0.4)
        event({ type: 'prompt_clicked', promptId, triggerId: trigger.id, surface: 'banner' });
      await call('/v1/events', { body: { token, sentAt: clock, events } });
    }
    if (random() < rate) {
      const at = firedAt + (1 + random() * 28) * DAY_MS;
      upgradesDue.push({
        at,
        event: {
          id: createEventId(at),
          type: 'upgrade_completed',
          ts: at,
          accountId,
          plan: 'business',
          seats,
          amount: seats * 240,
          // The billing fields the expansion metrics read (NRR by source): a tier upgrade.
          fromPlan: 'team',
          previousAmount: seats * 180,
          previousSeats: seats,
          expansion: 'tier',
        },
      });
    }
  }
  // The backend reports upgrades as they happen, oldest first.
  upgradesDue.sort((a, b) => a.at - b.at);
  for (const { at, event } of upgradesDue) {
    clock = at;
    await call('/v1/server/events', { body: { events: [event] }, bearer: serverKey });
    upgrades++;
  }
  // Upgrades re-chain their accounts' funnel steps in the background: wait for all of it, or
  // the caller closing the store would cut it short.
  clock = end;
  await call('/v1/admin/funnel', { bearer: adminToken });
  return { accounts, fires, upgrades };
}
