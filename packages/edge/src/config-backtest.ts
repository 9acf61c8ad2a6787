import type { HeadroomConfig } from '@headroom/core';
import {
  type AccountRecord,
  type BacktestRecord,
  type BacktestReport,
  backtest,
  type Interval,
  mergeByTime,
  type TriggerBacktest,
} from '@headroom/insights';
import { claimsFromFacts } from './evaluate-account.ts';
import type { Storage, StoredEvent } from './storage/storage.ts';
import { teeAsync } from './tee-async.ts';

/** A proportion with its 95 % Wilson interval and the counts it comes from. */
export interface Proportion extends Interval {
  value: number;
  successes: number;
  trials: number;
}

/** One trigger's backtest, as the console and the CLI show it. */
export interface TriggerFigures {
  id: string;
  kind: string;
  /** Fired account-quarters ÷ eligible account-quarters. */
  fireRate: Proportion;
  /** Per quarter, each with its 95 % Wilson interval. */
  quarters: TriggerBacktest['quarters'];
  /**
   * Share of server-reported expansions it fired before (within the lookback), among those of
   * accounts eligible in the lookback window (`neverEligibleExpansions` left out).
   */
  preceded: Proportion & { medianLeadDays: number | null };
  /** Judged fire episodes with no expansion within the outcome window; `null` with none judged. */
  falsePositiveRate: Proportion | null;
  /** Fire episodes too close to the end of the data to judge. */
  censored: number;
  verdict: TriggerBacktest['calibration']['verdict'];
  band: TriggerBacktest['calibration']['band'];
  message: string;
}

/** The draft's and the live config's figures side by side, per trigger id. */
export interface BacktestComparison {
  from: string | null;
  to: string | null;
  events: number;
  accounts: number;
  accountsWithoutClaims: number;
  expansions: number;
  /** Expansions of accounts never eligible in the lookback window before them. */
  neverEligibleExpansions: number;
  settings: BacktestReport['settings'];
  triggers: { id: string; live: TriggerFigures | null; draft: TriggerFigures | null }[];
}

/** One line of the streamed answer. */
export type BacktestLine =
  | { type: 'start'; totalEvents: number }
  | { type: 'progress'; events: number; totalEvents: number }
  | ({ type: 'result' } & BacktestComparison)
  | { type: 'error'; message: string };

/** The backtest's rates with the counts they come from; the intervals are the backtest's own. */
function figures(t: TriggerBacktest): TriggerFigures {
  const eligible = t.quarters.reduce((sum, q) => sum + q.eligibleAccounts, 0);
  const fired = t.quarters.reduce((sum, q) => sum + q.firedAccounts, 0);
  const fpInterval = t.intervals.falsePositiveRate;
  return {
    id: t.id,
    kind: t.kind,
    fireRate: { value: t.fireRate, successes: fired, trials: eligible, ...t.intervals.fireRate },
    quarters: t.quarters,
    preceded: {
      value: t.precededShare,
      successes: t.preceded,
      trials: t.preceded + t.notPreceded,
      ...t.intervals.precededShare,
      medianLeadDays: t.medianLeadDays,
    },
    falsePositiveRate:
      t.falsePositiveRate === null || fpInterval === null
        ? null
        : { value: t.falsePositiveRate, successes: t.falsePositives, trials: t.fires, ...fpInterval },
    censored: t.censored,
    verdict: t.calibration.verdict,
    band: t.calibration.band,
    message: t.calibration.message,
  };
}

/** What the backtest reads of a stored event: the event as exported, with its trusted identity. */
const asRecord = (e: StoredEvent): BacktestRecord =>
  ({ ...e.payload, accountId: e.accountId, ts: e.ts, source: e.source }) as BacktestRecord;

/**
 * Each account's claims from its stored facts, from the first stored event on. Facts hold the
 * newest value, so an account the backend reports an upgrade for starts one plan below the
 * first upgrade's plan on the upgrade path (its plan at the time), as the CLI's claims would.
 */
async function claimRecords(
  storage: Required<Pick<Storage, 'accountFacts'>>,
  config: Pick<HeadroomConfig, 'upgradePath'>,
  firstUpgradePlan: Map<string, string>,
  from: number,
): Promise<AccountRecord[]> {
  const records: AccountRecord[] = [];
  let after = '';
  for (;;) {
    const page = await storage.accountFacts(after, 1000);
    if (page.length === 0) return records;
    after = page[page.length - 1]!.accountId;
    for (const { accountId, facts } of page) {
      const claims = claimsFromFacts(facts);
      if (claims.plan === undefined || claims.segment === undefined) continue;
      const upgradedTo = firstUpgradePlan.get(accountId);
      const index = upgradedTo === undefined ? -1 : config.upgradePath.indexOf(upgradedTo);
      const record: AccountRecord = {
        type: 'account',
        accountId,
        ts: from,
        plan: index > 0 ? config.upgradePath[index - 1]! : claims.plan,
        segment: claims.segment,
      };
      if (claims.seats !== undefined) record.seats = claims.seats;
      if (claims.acv !== undefined) record.acv = claims.acv;
      if (claims.activatedAt !== undefined) record.activatedAt = claims.activatedAt;
      if (claims.health !== undefined) record.health = claims.health;
      if (claims.churnRisk !== undefined) record.churnRisk = claims.churnRisk;
      records.push(record);
    }
  }
}

export interface BacktestRun {
  live: HeadroomConfig;
  draft: HeadroomConfig;
  lookbackDays?: number | undefined;
  outcomeDays?: number | undefined;
  quietDays?: number | undefined;
  /** Stops the run (the client went away or cancelled). */
  signal: AbortSignal;
  /** Called every `progressEvery` events. */
  onProgress(events: number): void;
  progressEvery?: number;
}

/**
 * Runs `@headroom/insights`' `backtest` — the engine of `headroom backtest` — over the stored
 * history for the draft and the live config at once: one pass over the events in pages of
 * 1,000 (keyset on the primary key), fed to both runs, so memory holds per-account state, the
 * claims and the expansions, never the events. Expansions are the server-reported upgrades.
 * @throws Error when the storage cannot list accounts; the abort reason when cancelled
 */
export async function configBacktest(
  storage: Storage,
  run: BacktestRun,
): Promise<{ totalEvents: number; result: Promise<BacktestComparison> }> {
  const { accountFacts, serverUpgrades, eventSpan } = storage;
  if (!accountFacts || !serverUpgrades || !eventSpan)
    throw new Error('this storage cannot run a backtest (accountFacts, serverUpgrades, eventSpan)');
  const [span, upgrades] = await Promise.all([eventSpan.call(storage), serverUpgrades.call(storage)]);
  const firstUpgradePlan = new Map<string, string>();
  for (const u of upgrades)
    if (u.plan && !firstUpgradePlan.has(u.accountId)) firstUpgradePlan.set(u.accountId, u.plan);
  const claims = await claimRecords(
    { accountFacts: accountFacts.bind(storage) },
    run.draft,
    firstUpgradePlan,
    span.firstTs ?? 0,
  );
  const every = run.progressEvery ?? 50_000;
  async function* records(): AsyncGenerator<BacktestRecord> {
    let seen = 0;
    for await (const page of storage.exportEvents(0, 1000)) {
      run.signal.throwIfAborted();
      for (const event of page) yield asRecord(event);
      const before = seen;
      seen += page.length;
      if (Math.floor(seen / every) > Math.floor(before / every)) run.onProgress(seen);
    }
  }
  const [forDraft, forLive] = teeAsync(mergeByTime(records(), claims));
  const options = {
    ...(run.lookbackDays === undefined ? {} : { lookbackDays: run.lookbackDays }),
    ...(run.outcomeDays === undefined ? {} : { outcomeDays: run.outcomeDays }),
    ...(run.quietDays === undefined ? {} : { quietDays: run.quietDays }),
  };
  const result = Promise.all([
    backtest(run.draft, forDraft, upgrades, options),
    backtest(run.live, forLive, upgrades, options),
  ]).then(([draft, live]): BacktestComparison => {
    const ids = [...new Set([...draft.triggers.map((t) => t.id), ...live.triggers.map((t) => t.id)])];
    const find = (report: BacktestReport, id: string) => {
      const t = report.triggers.find((x) => x.id === id);
      return t === undefined ? null : figures(t);
    };
    return {
      from: draft.from,
      to: draft.to,
      events: draft.events,
      accounts: draft.accounts,
      accountsWithoutClaims: draft.accountsWithoutClaims,
      expansions: draft.expansions,
      neverEligibleExpansions: draft.neverEligibleExpansions,
      settings: draft.settings,
      triggers: ids.map((id) => ({ id, live: find(live, id), draft: find(draft, id) })),
    };
  });
  return { totalEvents: span.events, result };
}
