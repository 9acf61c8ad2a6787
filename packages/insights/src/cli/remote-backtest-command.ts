import { readFile } from 'node:fs/promises';
import { defineConfig } from '@headroom/core';
import {
  type AdminBacktest,
  adminErrorSchema,
  type BacktestTriggerFigures,
  readBacktestStream,
} from '../admin-api.ts';
import { formatTable, pctInterval } from './format-table.ts';
import type { ProgressStream } from './progress-bar.ts';

export interface RemoteBacktestOptions {
  endpoint: string;
  adminToken: string;
  /** The draft config file, validated here before it is sent. */
  draft: string;
  json: boolean;
  lookbackDays?: number;
  outcomeDays?: number;
  quietDays?: number;
  out: (text: string) => void;
  err: ProgressStream;
  fetch?: typeof fetch;
}

const share = (p: { value: number; lower: number; upper: number }) => pctInterval(p.value, p);

const cells = (f: BacktestTriggerFigures | null): string[] =>
  f === null
    ? ['—', '—', '—', '—', 'not in this config']
    : [
        share(f.fireRate),
        share(f.preceded),
        f.preceded.medianLeadDays === null ? '—' : `${f.preceded.medianLeadDays.toFixed(0)} d`,
        f.falsePositiveRate === null ? '—' : share(f.falsePositiveRate),
        f.verdict,
      ];

/**
 * `headroom backtest --endpoint URL --draft FILE`: the edge runs the draft's triggers (and the
 * live config's) over its stored history with the same engine as the local backtest, streaming
 * progress; prints both side by side with 95 % intervals. Interrupting closes the request, which
 * stops the run on the edge.
 */
export async function remoteBacktestCommand(options: RemoteBacktestOptions): Promise<AdminBacktest> {
  const input: unknown = JSON.parse(await readFile(options.draft, 'utf8'));
  // The edge refuses an invalid draft too; refusing here names the file's problems without a round trip.
  defineConfig(input);
  const url = new URL(
    'v1/admin/backtest',
    options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`,
  );
  const response = await (options.fetch ?? fetch)(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${options.adminToken}`,
      'content-type': 'application/json',
      accept: 'application/x-ndjson',
    },
    body: JSON.stringify({
      config: input,
      ...(options.lookbackDays === undefined ? {} : { lookbackDays: options.lookbackDays }),
      ...(options.outcomeDays === undefined ? {} : { outcomeDays: options.outcomeDays }),
      ...(options.quietDays === undefined ? {} : { quietDays: options.quietDays }),
    }),
  });
  if (!response.ok || !response.body) {
    const error = adminErrorSchema.safeParse(await response.json().catch(() => null));
    const issues = error.success ? (error.data.error.issues ?? []) : [];
    throw new Error(
      [
        `${url.pathname}: HTTP ${response.status}${error.success ? ` ${error.data.error.message}` : ''}`,
        ...issues.map((i) => `  ${i.path}: ${i.message}`),
      ].join('\n'),
    );
  }
  const result = await readBacktestStream(response.body, (line) => {
    // The edge reports every 50,000 events: one line each, readable in a terminal and in CI logs.
    if (line.type === 'progress')
      options.err.write(
        `backtest: ${line.events.toLocaleString('en-US')} of ${line.totalEvents.toLocaleString('en-US')} events replayed\n`,
      );
  });
  if (options.json) {
    options.out(`${JSON.stringify(result, null, 2)}\n`);
    return result;
  }
  const { lookbackDays, outcomeDays, quietDays } = result.settings;
  const lines = [
    `Backtest on ${url.origin} ${result.from?.slice(0, 10) ?? '—'} → ${result.to?.slice(0, 10) ?? '—'}: ${result.events.toLocaleString('en-US')} events, ${result.accounts.toLocaleString('en-US')} accounts, ${result.expansions} server-reported expansions (${result.neverEligibleExpansions} from accounts never eligible in the ${lookbackDays} days before them: left out of "preceded"). Intervals are 95 % (Wilson).`,
    `A fire counts only while the account is eligible; a fire episode starts with a fire after ≥ ${quietDays} days without one and is a false positive when no expansion came within ${outcomeDays} days.`,
    'Playbook: fire on 5–15 % of eligible accounts per quarter; precede ≥ 40 % of expansions with < 50 % false positives (read off the intervals: "inconclusive" when one straddles its bar).',
    '',
    formatTable(
      ['trigger', 'config', 'fire rate/qtr', 'preceded', 'median lead', 'false pos.', 'verdict'],
      result.triggers.flatMap((t) => [
        [t.id, 'draft', ...cells(t.draft)],
        ['', 'live', ...cells(t.live)],
      ]),
    ),
    '',
    ...result.triggers.flatMap((t) => (t.draft ? [`${t.id} (draft): ${t.draft.message}`] : [])),
  ];
  options.out(`${lines.join('\n')}\n`);
  return result;
}
