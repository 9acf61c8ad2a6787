import type { HeadroomConfig, TriggerSnapshot } from '@headroom/core';
import type { AccountRecord } from './backtest-types.ts';

/**
 * What the backtest keeps per account: current claims and meters and only as much day history
 * as the longest trigger window needs, so memory grows with accounts, not with events.
 */
export interface AccountState {
  claims: AccountRecord | null;
  meters: Record<string, number>;
  /** When each resetting meter's reading expires (the period it was read in ends), ms. */
  meterResets: Record<string, number>;
  /** The day whose events are being collected (evaluated when the next day starts); −1 before any. */
  day: number;
  /** Time of the latest event on `day`. */
  lastTs: number;
  gateHits: Array<{ day: number; feature: string; count: number }>;
  invites: Array<{ day: number; count: number }>;
  /** Daily peaks per meter watched by sustained and forecast triggers, oldest first. */
  peaks: Record<string, Array<{ day: number; used: number }>>;
  /** Tracked (custom) events per day, name and user, for the edge-only kinds. */
  events: Array<{ day: number; name: string; user?: string; count: number }>;
  /** Daily values of numeric traits from account records (`employees`, custom ones). */
  traitHistory: Record<string, Array<{ day: number; value: number }>>;
  /** Quarter index each trigger last fired in (−1 never), for per-quarter counting. */
  firedQuarter: Int32Array;
  eligibleQuarter: number;
  /** Per trigger, when its latest fire episode started (ms; NaN before the first) … */
  episodeStart: Float64Array;
  /** … and the day of its latest fire, for the quiet-days rule. */
  lastFireDay: Int32Array;
}

/** How much history the config's triggers can look at. */
export interface HistoryNeeds {
  gateDays: number;
  inviteDays: number;
  sustained: Record<string, number>;
  /** Days of tracked events the event, power-user and adoption triggers read. */
  eventDays: number;
  /** Days of trait history `grewBy` conditions read (0: none kept). */
  traitDays: number;
}

export function historyNeeds(config: Pick<HeadroomConfig, 'triggers'>): HistoryNeeds {
  const needs: HistoryNeeds = { gateDays: 0, inviteDays: 0, sustained: {}, eventDays: 0, traitDays: 0 };
  for (const t of config.triggers) {
    if (t.kind === 'meter_forecast')
      for (const meter of t.meters)
        needs.sustained[meter] = Math.max(needs.sustained[meter] ?? 0, t.overDays);
    if (t.kind === 'event_count')
      needs.eventDays = Math.max(needs.eventDays, t.withinDays + 7 * (t.sustainedWeeks - 1));
    if (t.kind === 'power_users' || t.kind === 'feature_adoption')
      needs.eventDays = Math.max(needs.eventDays, t.withinDays);
    if (t.kind === 'trait')
      for (const condition of t.all)
        if (condition.grewBy !== undefined)
          needs.traitDays = Math.max(needs.traitDays, condition.overDays + 60);
    if (t.kind === 'gate_distinct' || t.kind === 'gate_intent')
      needs.gateDays = Math.max(needs.gateDays, t.withinDays);
    if (t.kind === 'invites_sent') needs.inviteDays = Math.max(needs.inviteDays, t.withinDays);
    if (t.kind === 'meter_sustained')
      needs.sustained[t.meter] = Math.max(needs.sustained[t.meter] ?? 0, t.days);
  }
  return needs;
}

export function createAccountState(triggers: number): AccountState {
  return {
    claims: null,
    meters: {},
    meterResets: {},
    day: -1,
    lastTs: 0,
    gateHits: [],
    invites: [],
    peaks: {},
    events: [],
    traitHistory: {},
    firedQuarter: new Int32Array(triggers).fill(-1),
    eligibleQuarter: -1,
    episodeStart: new Float64Array(triggers).fill(Number.NaN),
    lastFireDay: new Int32Array(triggers),
  };
}

/** Drops history older than any trigger can see from `today`. */
export function pruneHistory(state: AccountState, needs: HistoryNeeds, today: number): void {
  const keepFrom = (days: number) => today - days;
  if (state.gateHits.length > 0)
    state.gateHits = state.gateHits.filter((h) => h.day > keepFrom(needs.gateDays));
  if (state.invites.length > 0)
    state.invites = state.invites.filter((h) => h.day > keepFrom(needs.inviteDays));
  if (state.events.length > 0) state.events = state.events.filter((e) => e.day > keepFrom(needs.eventDays));
  for (const history of Object.values(state.traitHistory)) {
    // The newest value on or before the oldest window start stays: it is the baseline.
    let baseline = -1;
    for (let i = 0; i < history.length && (history[i]?.day ?? 0) <= keepFrom(needs.traitDays); i++)
      baseline = i;
    if (baseline > 0) history.splice(0, baseline);
  }
  for (const [meter, days] of Object.entries(needs.sustained)) {
    const peaks = state.peaks[meter];
    // One more day than the window, so a streak can be seen to start inside it.
    if (peaks !== undefined && peaks.length > days + 1) peaks.splice(0, peaks.length - days - 1);
  }
}

/** The snapshot the live engine would have seen at the end of the state's day. */
export function snapshotOf(state: AccountState & { claims: AccountRecord }): TriggerSnapshot {
  const { claims } = state;
  const snapshotClaims: TriggerSnapshot['claims'] = { plan: claims.plan, segment: claims.segment };
  if (claims.seats !== undefined) snapshotClaims.seats = claims.seats;
  const traits: Record<string, string | number | boolean> = { ...claims.traits };
  for (const name of ['renewalDate', 'employees', 'activeUsers', 'health', 'acv', 'seats'] as const) {
    const value = claims[name];
    if (value !== undefined) traits[name] = value;
  }
  return {
    claims: snapshotClaims,
    meters: state.meters,
    gateHits: state.gateHits,
    invites: state.invites,
    // The engine reads samples before today and today's live value from `meters`.
    meterHistory: state.peaks,
    events: state.events,
    traits,
    traitHistory: state.traitHistory,
  };
}
