import { stat } from 'node:fs/promises';
import { backtest } from '../backtest/backtest.ts';
import type { AccountRecord, BacktestReport } from '../backtest/backtest-types.ts';
import { mergeByTime } from '../backtest/merge-by-time.ts';
import { type ReadStats, readExpansions, readRecords } from '../node/read-records.ts';
import { checkFiles } from './check-files.ts';
import { configWarnings } from './config-warnings.ts';
import { formatTable, pctInterval } from './format-table.ts';
import { loadConfig } from './load-config.ts';
import { createProgressBar, type ProgressStream } from './progress-bar.ts';

export interface BacktestCommandOptions {
  config: string;
  events: string;
  expansions: string;
  /** Account claim records (NDJSON/CSV) to merge into an events-only export. */
  claims?: string;
  json: boolean;
  lookbackDays?: number;
  outcomeDays?: number;
  quietDays?: number;
  out: (text: string) => void;
  err: ProgressStream;
}

/** `headroom backtest`: streams the events file through the engine and prints the report. */
export async function backtestCommand(options: BacktestCommandOptions): Promise<BacktestReport> {
  const config = await loadConfig(options.config);
  options.err.write(configWarnings(config));
  // In the order they are read, so the first problem is the one named.
  const { claims, expansions: expansionsFile, events: eventsFile } = options;
  await checkFiles({ claims, expansions: expansionsFile, events: eventsFile }, [
    'claims',
    'expansions',
    'events',
  ]);
  const expansions = await readExpansions(options.expansions);
  const { size } = await stat(options.events);
  const bar = createProgressBar('backtest', size, options.err);
  const stats: ReadStats = { lines: 0, skipped: 0 };
  const accounts: AccountRecord[] = [];
  if (options.claims !== undefined) {
    for await (const record of readRecords(options.claims))
      if (record.type === 'account') accounts.push(record);
  }
  const events = readRecords(options.events, stats, (bytes) => bar.update(bytes));
  const report = await backtest(
    config,
    accounts.length > 0 ? mergeByTime(events, accounts) : events,
    expansions,
    {
      ...(options.lookbackDays === undefined ? {} : { lookbackDays: options.lookbackDays }),
      ...(options.outcomeDays === undefined ? {} : { outcomeDays: options.outcomeDays }),
      ...(options.quietDays === undefined ? {} : { quietDays: options.quietDays }),
    },
  );
  bar.done();
  // Nothing to replay is a mistake to report (a wrong file, a wrong format), not an empty table.
  if (report.events === 0)
    throw new Error(
      `no valid event in --events ${options.events} (${stats.lines === 0 ? 'it is empty' : `${stats.lines} lines, all invalid`})`,
    );
  if (options.json) {
    options.out(`${JSON.stringify({ ...report, skippedLines: stats.skipped }, null, 2)}\n`);
    return report;
  }
  const { lookbackDays, outcomeDays, quietDays } = report.settings;
  const lines = [
    `Backtest ${report.from?.slice(0, 10) ?? '—'} → ${report.to?.slice(0, 10) ?? '—'}: ${report.events.toLocaleString('en-US')} events, ${report.accounts.toLocaleString('en-US')} accounts (${report.accountRecords.toLocaleString('en-US')} claim records), ${report.expansions} expansions${stats.skipped > 0 ? `, ${stats.skipped} invalid lines skipped` : ''}${report.accountsWithoutClaims > 0 ? `, ${report.accountsWithoutClaims} accounts without claims left out` : ''}.`,
    `${report.neverEligibleExpansions} of the ${report.expansions} expansions came from accounts never eligible in the ${lookbackDays} days before them: no trigger could precede them, so "preceded" leaves them out.`,
    `A fire counts only while the account is eligible. A fire episode starts with a fire after ≥ ${quietDays} days without one; it is a false positive when no expansion came within ${outcomeDays} days (episodes too close to the end of the data are unjudged). [95 % Wilson intervals]`,
    '',
    formatTable(
      ['trigger', 'fire rate/qtr', 'preceded', 'median lead', 'false pos. (episodes)', 'unjudged', 'verdict'],
      report.triggers.map((t) => [
        t.id,
        pctInterval(t.fireRate, t.intervals.fireRate),
        `${pctInterval(t.precededShare, t.intervals.precededShare)} ${t.preceded} of ${t.preceded + t.notPreceded}`,
        t.medianLeadDays === null ? '—' : `${t.medianLeadDays.toFixed(0)} d`,
        t.falsePositiveRate === null || t.intervals.falsePositiveRate === null
          ? '—'
          : `${pctInterval(t.falsePositiveRate, t.intervals.falsePositiveRate)} of ${t.fires}`,
        String(t.censored),
        t.calibration.verdict,
      ]),
    ),
    '',
    ...report.triggers.map((t) => `${t.id}: ${t.calibration.message}`),
  ];
  const quarters = report.triggers[0]?.quarters ?? [];
  if (quarters.length > 0) {
    lines.push(
      '',
      'Fire rate per quarter among eligible accounts:',
      formatTable(
        ['trigger', ...quarters.map((q) => `${q.quarter} (${q.eligibleAccounts})`)],
        report.triggers.map((t) => [t.id, ...t.quarters.map((q) => pctInterval(q.fireRate, q))]),
      ),
    );
  }
  options.out(`${lines.join('\n')}\n`);
  return report;
}
