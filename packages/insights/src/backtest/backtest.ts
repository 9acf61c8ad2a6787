import { checkEligibility, DAY_MS, evaluateTriggers, type HeadroomConfig, nextReset } from '@headroom/core';
import { wilsonInterval } from '../stats/wilson-interval.ts';
import {
  type AccountState,
  createAccountState,
  historyNeeds,
  pruneHistory,
  snapshotOf,
} from './account-state.ts';
import type {
  BacktestOptions,
  BacktestRecord,
  BacktestReport,
  CalibrationBands,
  Expansion,
} from './backtest-types.ts';
import { calibrate } from './calibrate.ts';
import { createEpisodeTally, type EpisodeRules, recordFire } from './fire-episodes.ts';
import { quarterIndex, quarterLabel } from './quarter.ts';

export const DEFAULT_BANDS: CalibrationBands = {
  minFireRate: 0.05,
  maxFireRate: 0.15,
  minPrecededShare: 0.4,
  maxFalsePositiveRate: 0.5,
  minExpansions: 10,
};

/** Why `quietDays` defaults to 30: see `BacktestOptions.quietDays`. */
export const DEFAULT_QUIET_DAYS = 30;

interface ExpansionState {
  ts: number;
  /** Earliest eligible fire time per trigger within the lookback window; NaN when none. */
  firstFire: Float64Array;
  /** The account was eligible at an evaluation within the lookback window before it. */
  eligibleBefore: boolean;
}

const NO_EXPANSIONS: readonly ExpansionState[] = [];

/**
 * Replays historical events through the same engine the SDK runs (`evaluateTriggers`,
 * `checkEligibility`) and reports per trigger: fire rate per quarter among eligible accounts,
 * the share of past expansions it preceded (with lead time), the false-positive rate of its fire
 * episodes, each with a 95 % Wilson interval, and a calibration verdict against the playbook
 * bands. A fire counts only while the account is eligible; an episode is a run of fires with
 * fewer than `quietDays` days without a fire between them. Streams: memory holds per-account
 * state and the expansions, never the events. Events must be in time order per account (as the
 * edge exports them); each account is evaluated at the end of every day it had events.
 * @example
 * const report = await backtest(config, readRecords('events.ndjson'), expansions);
 * report.triggers.map((t) => [t.id, t.calibration.verdict]);
 */
export async function backtest(
  config: Pick<HeadroomConfig, 'meters' | 'plans' | 'triggers' | 'eligibility'>,
  events: AsyncIterable<BacktestRecord> | Iterable<BacktestRecord>,
  expansions: Iterable<Expansion>,
  options: BacktestOptions = {},
): Promise<BacktestReport> {
  const lookbackMs = (options.lookbackDays ?? 90) * DAY_MS;
  const outcomeMs = (options.outcomeDays ?? 90) * DAY_MS;
  const quietDays = options.quietDays ?? DEFAULT_QUIET_DAYS;
  const rules: EpisodeRules = { quietDays, outcomeMs };
  const bands: CalibrationBands = { ...DEFAULT_BANDS, ...options.bands };
  const triggers = config.triggers;
  const needs = historyNeeds(config);

  const expansionsByAccount = new Map<string, ExpansionState[]>();
  let expansionCount = 0;
  for (const e of expansions) {
    const list = expansionsByAccount.get(e.accountId) ?? [];
    list.push({
      ts: e.ts,
      firstFire: new Float64Array(triggers.length).fill(Number.NaN),
      eligibleBefore: false,
    });
    expansionsByAccount.set(e.accountId, list);
    expansionCount++;
  }
  for (const list of expansionsByAccount.values()) list.sort((a, b) => a.ts - b.ts);

  const accounts = new Map<string, AccountState>();
  const eligibleByQuarter = new Map<number, number>();
  const firedByQuarter = triggers.map(() => new Map<number, number>());
  // Episodes not followed by an expansion are judged (or censored) once the data's end is known.
  const episodes = createEpisodeTally(triggers.length);
  let eventCount = 0;
  let accountRecords = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;

  const evaluate = (accountId: string, state: AccountState) => {
    if (state.claims === null || state.day < 0) return;
    const claims = state.claims;
    const now = (state.day + 1) * DAY_MS - 1;
    pruneHistory(state, needs, state.day);
    // A monthly meter read last month starts this month from zero, as the host's own meter does.
    for (const [meter, resetAt] of Object.entries(state.meterResets)) {
      if (resetAt <= now) {
        state.meters[meter] = 0;
        delete state.meterResets[meter];
      }
    }
    if (!checkEligibility(claims, config, now).eligible) return;
    const quarter = quarterIndex(state.day);
    if (state.eligibleQuarter !== quarter) {
      state.eligibleQuarter = quarter;
      eligibleByQuarter.set(quarter, (eligibleByQuarter.get(quarter) ?? 0) + 1);
    }
    const results = evaluateTriggers(snapshotOf({ ...state, claims }), config, now);
    const fireTs = state.lastTs;
    const accountExpansions = expansionsByAccount.get(accountId) ?? NO_EXPANSIONS;
    // Any fire at this evaluation could have preceded these expansions.
    for (const e of accountExpansions)
      if (e.ts >= fireTs && e.ts - fireTs <= lookbackMs) e.eligibleBefore = true;
    results.forEach((result, i) => {
      if (!result.fired) return;
      for (const e of accountExpansions) {
        if (e.ts >= fireTs && e.ts - fireTs <= lookbackMs && Number.isNaN(e.firstFire[i]!))
          e.firstFire[i] = fireTs;
      }
      recordFire(state, i, fireTs, state.day, accountExpansions, rules, episodes);
      if (state.firedQuarter[i] === quarter) return;
      state.firedQuarter[i] = quarter;
      const fired = firedByQuarter[i]!;
      fired.set(quarter, (fired.get(quarter) ?? 0) + 1);
    });
  };

  const resets = Object.fromEntries(Object.entries(config.meters).map(([id, meter]) => [id, meter.resets]));
  for await (const record of events) {
    const accountId = record.accountId;
    let state = accounts.get(accountId);
    if (state === undefined) {
      state = createAccountState(triggers.length);
      accounts.set(accountId, state);
    }
    const day = Math.floor(record.ts / DAY_MS);
    if (day > state.day) {
      evaluate(accountId, state);
      state.day = day;
    }
    state.lastTs = Math.max(state.lastTs, record.ts);
    if (record.type === 'account') accountRecords++;
    else eventCount++;
    if (record.ts < first) first = record.ts;
    if (record.ts > last) last = record.ts;
    apply(state, record, day, needs.sustained);
    if (record.type === 'usage') {
      const resetAt = nextReset(resets[record.meter], record.ts);
      if (resetAt !== null) state.meterResets[record.meter] = resetAt;
    }
  }
  for (const [accountId, state] of accounts) evaluate(accountId, state);
  let neverEligibleExpansions = 0;
  for (const list of expansionsByAccount.values())
    for (const e of list) if (!e.eligibleBefore) neverEligibleExpansions++;
  const eligibleExpansions = expansionCount - neverEligibleExpansions;

  const quarters = [...eligibleByQuarter.keys()].sort((a, b) => a - b);
  let accountsWithoutClaims = 0;
  for (const state of accounts.values()) if (state.claims === null) accountsWithoutClaims++;

  return {
    from: Number.isFinite(first) ? new Date(first).toISOString() : null,
    to: Number.isFinite(last) ? new Date(last).toISOString() : null,
    events: eventCount,
    accountRecords,
    accounts: accounts.size,
    accountsWithoutClaims,
    expansions: expansionCount,
    neverEligibleExpansions,
    settings: { lookbackDays: lookbackMs / DAY_MS, outcomeDays: outcomeMs / DAY_MS, quietDays, bands },
    triggers: triggers.map((trigger, i) => {
      const perQuarter = quarters.map((q) => {
        const eligibleAccounts = eligibleByQuarter.get(q) ?? 0;
        const firedAccounts = firedByQuarter[i]!.get(q) ?? 0;
        return {
          quarter: quarterLabel(q),
          eligibleAccounts,
          firedAccounts,
          fireRate: eligibleAccounts > 0 ? firedAccounts / eligibleAccounts : 0,
          ...wilsonInterval(firedAccounts, eligibleAccounts),
        };
      });
      const eligibleTotal = perQuarter.reduce((s, q) => s + q.eligibleAccounts, 0);
      const firedTotal = perQuarter.reduce((s, q) => s + q.firedAccounts, 0);
      const leads: number[] = [];
      for (const list of expansionsByAccount.values()) {
        for (const e of list) {
          const fire = e.firstFire[i]!;
          if (!Number.isNaN(fire)) leads.push((e.ts - fire) / DAY_MS);
        }
      }
      const unconverted = episodes.unconvertedStarts[i]!;
      const censored = unconverted.filter((ts) => ts + outcomeMs > last).length;
      const falsePositives = unconverted.length - censored;
      const fires = episodes.converted[i]! + falsePositives;
      const result = {
        id: trigger.id,
        kind: trigger.kind,
        quarters: perQuarter,
        fireRate: eligibleTotal > 0 ? firedTotal / eligibleTotal : 0,
        preceded: leads.length,
        notPreceded: eligibleExpansions - leads.length,
        precededShare: eligibleExpansions > 0 ? leads.length / eligibleExpansions : 0,
        medianLeadDays: median(leads),
        fires,
        falsePositives,
        falsePositiveRate: fires > 0 ? falsePositives / fires : null,
        censored,
        intervals: {
          fireRate: wilsonInterval(firedTotal, eligibleTotal),
          precededShare: wilsonInterval(leads.length, eligibleExpansions),
          falsePositiveRate: fires > 0 ? wilsonInterval(falsePositives, fires) : null,
        },
      };
      return { ...result, calibration: calibrate(result, eligibleExpansions, bands) };
    }),
  };
}

function apply(
  state: AccountState,
  record: BacktestRecord,
  day: number,
  sustained: Record<string, number>,
): void {
  switch (record.type) {
    case 'account': {
      state.claims = record;
      // Numeric traits keep one value per day (the day's last record), for growth conditions.
      const numeric: Array<[string, unknown]> = [
        ['employees', record.employees],
        ...Object.entries(record.traits ?? {}),
      ];
      for (const [name, value] of numeric) {
        if (typeof value !== 'number') continue;
        const history = state.traitHistory[name] ?? [];
        state.traitHistory[name] = history;
        const latest = history[history.length - 1];
        if (latest?.day === day) latest.value = value;
        else history.push({ day, value });
      }
      return;
    }
    case 'custom': {
      const user = record.userId;
      const row = state.events.find((e) => e.day === day && e.name === record.name && e.user === user);
      if (row !== undefined) row.count++;
      else
        state.events.push(
          user === undefined
            ? { day, name: record.name, count: 1 }
            : { day, name: record.name, user, count: 1 },
        );
      return;
    }
    case 'usage': {
      if (typeof record.value !== 'number' || typeof record.meter !== 'string') return;
      state.meters[record.meter] = record.value;
      if (sustained[record.meter] === undefined) return;
      let peaks = state.peaks[record.meter];
      if (peaks === undefined) {
        peaks = [];
        state.peaks[record.meter] = peaks;
      }
      const lastPeak = peaks[peaks.length - 1];
      if (lastPeak?.day === day) lastPeak.used = Math.max(lastPeak.used, record.value);
      else peaks.push({ day, used: record.value });
      return;
    }
    case 'gate_hit': {
      if (typeof record.feature !== 'string') return;
      const hit = state.gateHits.find((h) => h.day === day && h.feature === record.feature);
      if (hit === undefined) state.gateHits.push({ day, feature: record.feature, count: 1 });
      else hit.count++;
      return;
    }
    case 'invite_sent': {
      const lastDay = state.invites[state.invites.length - 1];
      if (lastDay?.day === day) lastDay.count++;
      else state.invites.push({ day, count: 1 });
      return;
    }
    case 'upgrade_completed':
      // Only the host's backend is trusted with plan changes.
      if (record.source === 'server' && state.claims !== null)
        state.claims = { ...state.claims, plan: record.plan };
      return;
    default:
      return;
  }
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
