import { parseArgs } from 'node:util';
import { HeadroomConfigError } from '@headroom/core';
import { backtestCommand } from './backtest-command.ts';
import { reportCommand } from './report-command.ts';
import { sampleCommand } from './sample-command.ts';

const USAGE = `Usage: headroom <command> [options]

  backtest --config FILE --events FILE --expansions FILE [--claims FILE]
           [--lookback-days 90] [--outcome-days 90] [--json]
      Replay historical events (NDJSON or CSV, e.g. GET /v1/admin/events?format=ndjson) through
      the trigger engine; per trigger: fire rate per quarter, share of expansions preceded, false
      positives, calibration verdict. Account claims ({"type":"account",...} records: plan,
      segment, activatedAt, health…) come inline in the events or from --claims.
  report --endpoint URL --admin-token TOKEN [--days 90] [--json]
      Experiment results (with intervals, p-values, SRM check, verdict) and the expansion funnel.
      The token may also come from HEADROOM_ADMIN_TOKEN.
  sample --accounts N --out DIR [--seed 7] [--days 365] [--config FILE]
      Write a seeded synthetic dataset: config.json, events.ndjson, expansions.csv.
`;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a positive integer`);
  return n;
}

class UsageError extends Error {}

function required(values: Record<string, unknown>, ...names: string[]): void {
  const missing = names.filter((n) => typeof values[n] !== 'string' || values[n] === '');
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((m) => `--${m}`).join(', ')}`);
}

/** Runs the `headroom` CLI; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const out = (text: string) => process.stdout.write(text);
  try {
    const { values } = parseArgs({
      args: [...rest],
      allowPositionals: false,
      options: {
        config: { type: 'string' },
        events: { type: 'string' },
        expansions: { type: 'string' },
        claims: { type: 'string' },
        json: { type: 'boolean', default: false },
        'lookback-days': { type: 'string' },
        'outcome-days': { type: 'string' },
        endpoint: { type: 'string' },
        'admin-token': { type: 'string' },
        days: { type: 'string' },
        accounts: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help || command === undefined || command === 'help' || command === '--help') {
      out(USAGE);
      return command === undefined ? 1 : 0;
    }
    switch (command) {
      case 'backtest': {
        required(values, 'config', 'events', 'expansions');
        const lookback = values['lookback-days'];
        const outcome = values['outcome-days'];
        await backtestCommand({
          config: values.config!,
          events: values.events!,
          expansions: values.expansions!,
          ...(values.claims === undefined ? {} : { claims: values.claims }),
          json: values.json,
          ...(lookback === undefined ? {} : { lookbackDays: positiveInt('lookback-days', lookback, 90) }),
          ...(outcome === undefined ? {} : { outcomeDays: positiveInt('outcome-days', outcome, 90) }),
          out,
          err: process.stderr,
        });
        return 0;
      }
      case 'report': {
        const adminToken = values['admin-token'] ?? process.env.HEADROOM_ADMIN_TOKEN;
        required({ ...values, 'admin-token': adminToken }, 'endpoint', 'admin-token');
        await reportCommand({
          endpoint: values.endpoint!,
          adminToken: adminToken!,
          days: positiveInt('days', values.days, 90),
          json: values.json,
          out,
        });
        return 0;
      }
      case 'sample': {
        required(values, 'accounts', 'out');
        await sampleCommand({
          accounts: positiveInt('accounts', values.accounts, 1),
          out: values.out!,
          seed: positiveInt('seed', values.seed, 7),
          days: positiveInt('days', values.days, 365),
          ...(values.config === undefined ? {} : { config: values.config }),
          log: (text) => process.stderr.write(text),
        });
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      process.stderr.write(`headroom: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof HeadroomConfigError) {
      process.stderr.write(`headroom: invalid config\n${error.message}\n`);
      return 1;
    }
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    process.stderr.write(`headroom: ${error instanceof Error ? error.message : String(error)}${cause}\n`);
    return 1;
  }
}
