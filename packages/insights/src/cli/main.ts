import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { HeadroomConfigError } from '@headroom/core';
import type { InferenceMethod } from '../analyze-experiment.ts';
import { backtestCommand } from './backtest-command.ts';
import { checkFiles, FileArgumentError } from './check-files.ts';
import { planCommand } from './plan-command.ts';
import { remoteBacktestCommand } from './remote-backtest-command.ts';
import { reportCommand } from './report-command.ts';
import { sampleCommand } from './sample-command.ts';

const USAGE = `Usage: headroom <command> [options]    (headroom --version, headroom --help)

  backtest --config FILE --events FILE --expansions FILE [--claims FILE]
           [--lookback-days 90] [--outcome-days 90] [--quiet-days 30] [--json]
      Replay historical events (NDJSON or CSV, e.g. GET /v1/admin/events?format=ndjson) through
      the trigger engine; per trigger, with 95 % intervals: fire rate per quarter, share of
      expansions preceded, false positives per fire episode (a new episode after --quiet-days
      days without a fire), calibration verdict. Account claims ({"type":"account",...} records:
      plan, segment, activatedAt, health…) come inline in the events or from --claims.
  backtest --endpoint URL --admin-token TOKEN --draft FILE [--lookback-days 90]
           [--outcome-days 90] [--quiet-days 30] [--json]
      The same backtest run by the edge over its stored history (POST /v1/admin/backtest) for the
      draft config FILE beside the live one, with 95 % intervals and progress. Ctrl-C stops it.
  report --endpoint URL --admin-token TOKEN [--days 90] [--json]
         [--method sequential|fixed-horizon] [--planned-exposures N]
      Experiment results (with intervals, p-values, SRM check, verdict) and the expansion funnel.
      The verdict is sequential by default: always-valid intervals, safe to read every day. A
      fixed-horizon verdict is provisional until every variant reaches --planned-exposures.
      The token may also come from HEADROOM_ADMIN_TOKEN.
  plan --baseline RATE --mde POINTS [--power 0.8] [--alpha 0.05] [--variants 2]
       [--daily-exposures N] [--json]
      Sample size for a fixed-horizon read: exposures per variant (and days at your traffic)
      to detect an absolute lift of POINTS (e.g. --baseline 0.05 --mde 0.01).
  sample --accounts N --out DIR [--seed 7] [--days 365] [--config FILE]
      Write a seeded synthetic dataset: config.json, events.ndjson, expansions.csv.
`;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a positive integer`);
  return n;
}

/** `--quiet-days`: 0 (every firing day an episode) up to ten years. */
function quietDays(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 3650)
    throw new UsageError('--quiet-days must be a whole number of days from 0 to 3650');
  return n;
}

class UsageError extends Error {}

function finite(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number`);
  return n;
}

function fraction(name: string, value: string): number {
  const n = finite(name, value);
  if (!(n > 0 && n < 1)) throw new UsageError(`--${name} must be between 0 and 1 (exclusive)`);
  return n;
}

function inferenceMethod(value: string | undefined): InferenceMethod {
  if (value === undefined || value === 'sequential') return 'sequential';
  if (value === 'fixed-horizon' || value === 'fixed_horizon') return 'fixed_horizon';
  throw new UsageError('--method must be sequential or fixed-horizon');
}

function required(values: Record<string, unknown>, ...names: string[]): void {
  const missing = names.filter((n) => typeof values[n] !== 'string' || values[n] === '');
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((m) => `--${m}`).join(', ')}`);
}

/** This package's version (package.json sits two folders up from src/cli and dist/cli alike). */
const version = (): string => createRequire(import.meta.url)('../../package.json').version;

/** Runs the `headroom` CLI; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const out = (text: string) => process.stdout.write(text);
  if (command === '--version' || command === '-v' || command === 'version') {
    out(`${version()}\n`);
    return 0;
  }
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
        'quiet-days': { type: 'string' },
        endpoint: { type: 'string' },
        draft: { type: 'string' },
        'admin-token': { type: 'string' },
        days: { type: 'string' },
        accounts: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        method: { type: 'string' },
        'planned-exposures': { type: 'string' },
        baseline: { type: 'string' },
        mde: { type: 'string' },
        power: { type: 'string' },
        alpha: { type: 'string' },
        variants: { type: 'string' },
        'daily-exposures': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help || command === undefined || command === 'help' || command === '--help') {
      out(USAGE);
      return command === undefined ? 1 : 0;
    }
    switch (command) {
      case 'backtest': {
        if (values.draft !== undefined || values.endpoint !== undefined) {
          const adminToken = values['admin-token'] ?? process.env.HEADROOM_ADMIN_TOKEN;
          required({ ...values, 'admin-token': adminToken }, 'endpoint', 'admin-token', 'draft');
          await checkFiles(values, ['draft']);
          const lookback = values['lookback-days'];
          const outcome = values['outcome-days'];
          const quiet = values['quiet-days'];
          await remoteBacktestCommand({
            endpoint: values.endpoint!,
            adminToken: adminToken!,
            draft: values.draft!,
            json: values.json,
            ...(lookback === undefined ? {} : { lookbackDays: positiveInt('lookback-days', lookback, 90) }),
            ...(outcome === undefined ? {} : { outcomeDays: positiveInt('outcome-days', outcome, 90) }),
            ...(quiet === undefined ? {} : { quietDays: quietDays(quiet) }),
            out,
            err: process.stderr,
          });
          return 0;
        }
        required(values, 'config', 'events', 'expansions');
        await checkFiles(values, ['config']);
        const lookback = values['lookback-days'];
        const outcome = values['outcome-days'];
        const quiet = values['quiet-days'];
        await backtestCommand({
          config: values.config!,
          events: values.events!,
          expansions: values.expansions!,
          ...(values.claims === undefined ? {} : { claims: values.claims }),
          json: values.json,
          ...(lookback === undefined ? {} : { lookbackDays: positiveInt('lookback-days', lookback, 90) }),
          ...(outcome === undefined ? {} : { outcomeDays: positiveInt('outcome-days', outcome, 90) }),
          ...(quiet === undefined ? {} : { quietDays: quietDays(quiet) }),
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
          analysis: {
            method: inferenceMethod(values.method),
            ...(values['planned-exposures'] === undefined
              ? {}
              : {
                  plannedExposuresPerVariant: positiveInt(
                    'planned-exposures',
                    values['planned-exposures'],
                    1,
                  ),
                }),
          },
        });
        return 0;
      }
      case 'plan': {
        required(values, 'baseline', 'mde');
        const daily = values['daily-exposures'];
        planCommand({
          baselineRate: fraction('baseline', values.baseline!),
          minimumDetectableEffect: finite('mde', values.mde!),
          power: fraction('power', values.power ?? '0.8'),
          alpha: fraction('alpha', values.alpha ?? '0.05'),
          variants: positiveInt('variants', values.variants, 2),
          ...(daily === undefined ? {} : { dailyExposures: positiveInt('daily-exposures', daily, 1) }),
          json: values.json,
          out,
        });
        return 0;
      }
      case 'sample': {
        required(values, 'accounts', 'out');
        await checkFiles(values, ['config']);
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
    if (error instanceof FileArgumentError) {
      process.stderr.write(`headroom: ${error.message}\n`);
      return 1;
    }
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    process.stderr.write(`headroom: ${error instanceof Error ? error.message : String(error)}${cause}\n`);
    return 1;
  }
}
