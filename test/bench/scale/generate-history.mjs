// A seeded, streaming generator of realistic event history for the scale benchmark: ~5,000
// accounts (smb / mid_market / enterprise, heavy-tailed sizes), several users each, browser
// usage / gate hits / invites / custom events / prompt telemetry / exposures (the variant
// `assignVariant` gives the unit, as the edge demands), server-reported upgrades and goal
// events, routing decisions and CS handoffs, day by day in time order.
import { assignVariant, createEventId, DAY_MS } from '@headroom/core';

/** mulberry32: small, fast and good enough to plant a dataset. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    fill: (bytes) => {
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
    },
  };
}

const FEATURES = ['comments', 'version_history', 'sso', 'audit_log', 'automations', 'scim', 'data_residency'];
const CUSTOM = ['doc_created', 'doc_shared', 'workflow_run', 'search', 'export_csv', 'comment_added'];
// Browser events by share (they sum to 1); server events are planted separately.
const MIX = [
  ['usage', 0.4],
  ['custom', 0.25],
  ['gate_hit', 0.075],
  ['prompt_shown', 0.06],
  ['exposure', 0.05],
  ['trigger_fired', 0.03],
  ['prompt_dismissed', 0.025],
  ['invite_sent', 0.015],
  ['prompt_clicked', 0.012],
  ['invite_accepted', 0.008],
];
const TRIGGER_PROMPT = [
  ['usage_ceiling', 'usage_upgrade'],
  ['seat_saturation', 'seat_upgrade'],
  ['seat_pressure', 'seat_upgrade'],
  ['feature_exploration', 'tier_upgrade'],
  ['collaboration_surge', 'seat_upgrade'],
];
const LIMITS = {
  free: { seats: 3, api_calls: 1000, docs: 50, price: 0 },
  team: { seats: 10, api_calls: 100000, docs: 1000, price: 144 },
  business: { seats: 250, api_calls: 1000000, docs: 100000, price: 420 },
};
const NEXT = { free: 'team', team: 'business', business: 'enterprise' };

/**
 * Plans the accounts (sizes, users, facts) for a history of `events` events over `days` days
 * ending at `end` (ms). `history.days()` yields each day's events, sorted by time, plus the
 * route decisions and handoffs of that day.
 */
export function planHistory({ events, accounts = 5000, days = 90, end = Date.now(), seed = 15, config }) {
  const random = seededRandom(seed);
  const start = end - days * DAY_MS;
  const experiments = Object.entries(config.experiments).map(([id, e]) => ({ id, ...e }));
  const list = [];
  let totalWeight = 0;
  for (let n = 0; n < accounts; n++) {
    const segment = random.chance(0.6) ? 'smb' : random.chance(0.75) ? 'mid_market' : 'enterprise';
    const plan =
      segment === 'smb' ? random.pick(['free', 'team', 'team']) : random.pick(['team', 'business']);
    const limits = LIMITS[plan];
    const users =
      segment === 'smb'
        ? random.int(2, 6)
        : segment === 'mid_market'
          ? random.int(6, 25)
          : random.int(25, 100);
    const seats = Math.max(users, plan === 'free' ? 3 : users + random.int(0, Math.ceil(users / 2)));
    // Heavy tail: a few accounts send a large share of the traffic.
    const weight = users * (0.2 + random.next()) ** 3 * (random.chance(0.02) ? 20 : 1);
    totalWeight += weight;
    const id = `acct_${String(n + 1).padStart(5, '0')}`;
    list.push({
      id,
      segment,
      plan,
      seats,
      acv: limits.price * seats * 12 || random.int(0, 2) * 1200,
      users: Array.from({ length: users }, (_, u) => `${id}_u${u + 1}`),
      // Share of each meter's limit the account sits at; many above the 0.8 trigger line.
      pressure: 0.3 + random.next() * 0.8,
      limits,
      facts: {
        plan,
        segment,
        acv: limits.price * seats * 12,
        seats,
        activatedAt: new Date(start - random.int(20, 400) * DAY_MS).toISOString().slice(0, 10),
        health: random.chance(0.85) ? random.int(75, 100) : random.int(30, 74),
        churnRisk: random.chance(0.04),
        activeUsers: Math.max(1, Math.round(users * (0.4 + random.next() * 0.6))),
      },
      weight,
    });
  }
  // Cumulative weights for picking an account per event.
  const cumulative = new Float64Array(list.length);
  let acc = 0;
  for (let i = 0; i < list.length; i++) {
    acc += list[i].weight / totalWeight;
    cumulative[i] = acc;
  }
  const pickAccount = () => {
    const r = random.next();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return list[lo];
  };
  const variantCache = new Map();
  const variantOf = (experiment, unit) => {
    const key = `${experiment.id}|${unit}`;
    let v = variantCache.get(key);
    if (v === undefined) {
      v = assignVariant(experiment, unit).variantId;
      variantCache.set(key, v);
    }
    return v;
  };
  const pickType = () => {
    let r = random.next();
    for (const [type, share] of MIX) {
      if (r < share) return type;
      r -= share;
    }
    return 'custom';
  };

  const perDay = Math.floor(events / days);
  const later = new Map(); // day index → server events planted for that day
  const plant = (dayIndex, event) => {
    if (dayIndex >= days) return;
    const bucket = later.get(dayIndex) ?? [];
    bucket.push(event);
    later.set(dayIndex, bucket);
  };
  const id = (ts) => createEventId(ts, random.fill);
  const stored = (account, userId, ts, source, payload) => ({
    id: payload.id,
    accountId: account.id,
    userId,
    type: payload.type,
    ts,
    receivedAt: ts + random.int(20, 3000),
    source,
    payload,
  });

  function browserEvent(account, dayIndex, ts) {
    const user = random.pick(account.users);
    const type = pickType();
    const base = { id: id(ts), ts, type };
    const progress = 0.6 + (0.4 * dayIndex) / days;
    switch (type) {
      case 'usage': {
        const meter = random.pick(['api_calls', 'api_calls', 'docs', 'seats']);
        const limit = meter === 'seats' ? account.seats : account.limits[meter];
        const value = Math.round(
          limit * Math.min(1.1, account.pressure * progress * (0.9 + random.next() * 0.1)),
        );
        return stored(account, user, ts, 'browser', { ...base, meter, value });
      }
      case 'gate_hit':
        return stored(account, user, ts, 'browser', { ...base, feature: random.pick(FEATURES) });
      case 'invite_sent':
        return stored(account, user, ts, 'browser', { ...base, inviteId: `inv_${base.id.slice(-12)}` });
      case 'invite_accepted':
        return stored(account, user, ts, 'browser', { ...base, inviteId: `inv_${base.id.slice(-12)}` });
      case 'trigger_fired': {
        const [triggerId] = random.pick(TRIGGER_PROMPT);
        return stored(account, user, ts, 'browser', { ...base, triggerId, value: account.pressure });
      }
      case 'exposure': {
        const experiment = random.pick(experiments);
        const unit = experiment.unit === 'user' ? user : account.id;
        const variantId = variantOf(experiment, unit);
        return stored(account, user, ts, 'browser', { ...base, experimentId: experiment.id, variantId });
      }
      case 'prompt_shown':
      case 'prompt_clicked':
      case 'prompt_dismissed': {
        const [triggerId, promptId] = random.pick(TRIGGER_PROMPT);
        const event = stored(account, user, ts, 'browser', {
          ...base,
          promptId,
          surface: 'banner',
          triggerId,
        });
        if (type === 'prompt_clicked' && random.chance(0.35)) routeAfterClick(account, user, ts);
        return event;
      }
      default:
        return stored(account, user, ts, 'browser', {
          ...base,
          name: random.pick(CUSTOM),
          props: { plan: account.plan, n: random.int(1, 50) },
        });
    }
  }

  let decisions = [];
  let handoffs = [];
  function routeAfterClick(account, user, ts) {
    const plan = NEXT[account.plan];
    const acvNext = plan === 'enterprise' ? null : LIMITS[plan].price * account.seats * 12 - account.acv;
    const route =
      account.segment === 'enterprise' || plan === 'enterprise' || (acvNext ?? 0) >= 20000
        ? 'cs_assist'
        : (acvNext ?? 0) >= 5000
          ? 'self_serve_with_assist'
          : 'self_serve';
    const decidedAt = ts + random.int(2000, 120_000);
    let handoffId = null;
    if (route !== 'self_serve' && random.chance(0.5)) {
      handoffId = `ho_${id(decidedAt)}`;
      handoffs.push({ account, user, plan, route, handoffId, at: decidedAt });
    }
    decisions.push({
      accountId: account.id,
      userId: user,
      plan,
      seats: account.seats,
      route,
      reasons: [route === 'self_serve' ? 'below_assist_threshold' : 'above_assist_threshold'],
      expansionAcv: acvNext,
      source: 'usage_upgrade',
      needs: [],
      handoffId,
      decidedAt,
      repeats: 1,
    });
    // The backend reports the upgrade days later for some routed accounts.
    if (random.chance(0.4)) {
      const delay = random.int(1, 6) * DAY_MS + random.int(0, DAY_MS - 1);
      const when = decidedAt + delay;
      plant(Math.floor((when - start) / DAY_MS), { account, user, ts: when, kind: 'upgrade' });
    }
  }

  return {
    accounts: list,
    start,
    end,
    /** Yields { events, decisions, handoffs } per day, in time order. */
    *days() {
      let produced = 0;
      for (let d = 0; d < days; d++) {
        const dayStart = start + d * DAY_MS;
        const want = d === days - 1 ? events - produced : perDay;
        const out = [];
        for (const p of later.get(d) ?? []) {
          if (out.length >= want) break;
          const base = { id: id(p.ts), ts: p.ts };
          out.push(
            stored(p.account, p.user, p.ts, 'server', {
              ...base,
              type: 'upgrade_completed',
              plan: NEXT[p.account.plan],
              amount: p.account.seats * 420 * 12,
              seats: p.account.seats,
            }),
          );
        }
        later.delete(d);
        while (out.length < want) {
          const account = pickAccount();
          // Keep the last day's events a few minutes behind `end` (the edge refuses the future).
          const ts = dayStart + Math.floor(random.next() * (DAY_MS - 10 * 60_000));
          // The backend also reports the third experiment's goal now and then.
          if (random.chance(0.004)) {
            out.push(
              stored(account, random.pick(account.users), ts, 'server', {
                id: id(ts),
                ts,
                type: 'custom',
                name: 'report_exported',
              }),
            );
            continue;
          }
          out.push(browserEvent(account, d, ts));
        }
        out.sort((a, b) => a.ts - b.ts);
        produced += out.length;
        const day = { events: out, decisions, handoffs };
        decisions = [];
        handoffs = [];
        yield day;
      }
    },
  };
}
