import {
  type AdminExpansion,
  type AdminExperiments,
  type AdminFunnel,
  type AdminHoldouts,
  type AdminPqls,
  adminErrorSchema,
  adminExpansionSchema,
  adminExperimentsSchema,
  adminFunnelSchema,
  adminHoldoutsSchema,
  adminPqlsSchema,
  funnelDropOff,
} from '../admin-api.ts';
import { type AnalysisOptions, analyzeExperiment } from '../analyze-experiment.ts';
import { expansionMetrics } from '../expansion/expansion-metrics.ts';
import { type HoldoutLift, holdoutLift } from '../holdout-lift.ts';
import { expansionSection } from './expansion-section.ts';
import { type AnalyzedExperiment, experimentSection } from './experiment-section.ts';
import { formatTable, pct, pctInterval } from './format-table.ts';

export interface ReportCommandOptions {
  endpoint: string;
  adminToken: string;
  days: number;
  json: boolean;
  out: (text: string) => void;
  fetch?: typeof fetch;
  /** How verdicts are decided, and the plan a fixed-horizon read waits for. */
  analysis?: Pick<AnalysisOptions, 'method' | 'plannedExposuresPerVariant'>;
}

// One experiment with bad counts must not hide the others: it is reported with its reason.
function analyze(
  experiment: AdminExperiments['experiments'][number],
  options: AnalysisOptions,
): AnalyzedExperiment {
  try {
    return { ...experiment, analysis: analyzeExperiment(experiment, options) };
  } catch (error) {
    return { ...experiment, analysis: null, error: error instanceof Error ? error.message : String(error) };
  }
}

type Schema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false } };

/** GETs an admin report; with `optional`, an edge that has no such report gives null. */
async function getJson<T>(options: ReportCommandOptions, path: string, schema: Schema<T>): Promise<T>;
async function getJson<T>(
  options: ReportCommandOptions,
  path: string,
  schema: Schema<T>,
  optional: true,
): Promise<T | null>;
async function getJson<T>(
  options: ReportCommandOptions,
  path: string,
  schema: Schema<T>,
  optional = false,
): Promise<T | null> {
  const url = new URL(path, options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`);
  const response = await (options.fetch ?? fetch)(url, {
    headers: { authorization: `Bearer ${options.adminToken}`, accept: 'application/json' },
  });
  const body: unknown = await response.json().catch(() => null);
  // An older edge without this report: the section is left out, the rest still prints.
  if (optional && response.status === 404) return null;
  if (!response.ok) {
    const error = adminErrorSchema.safeParse(body);
    throw new Error(
      `${url.pathname}: HTTP ${response.status}${error.success ? ` ${error.data.error.message}` : ''}`,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error(`${url.pathname}: unexpected response shape`);
  return parsed.data;
}

type HoldoutRow = AdminHoldouts['triggers'][number] & { lift: HoldoutLift | string };

// Bad counts from the edge are reported on their row, not thrown.
function liftOf(row: AdminHoldouts['triggers'][number]): HoldoutLift | string {
  try {
    return holdoutLift(row.exposed, row.heldOut);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const VERDICT_WORDS = {
  lift: 'causes expansion',
  harm: 'costs expansion',
  no_detectable_lift: 'no detectable lift',
  too_few: 'too few accounts',
} as const;

const money = (x: number) => `${x < 0 ? '-' : ''}$${Math.round(Math.abs(x)).toLocaleString('en-US')}`;

/** Does each held-out trigger cause expansion: exposed vs held out, with 95 % intervals. */
function holdoutSection(outcomeDays: number, rows: readonly HoldoutRow[]): string[] {
  const lines = [
    `Trigger holdouts (eligible accounts that fired; upgrades within ${outcomeDays} days of the fire)`,
  ];
  if (rows.length === 0) return [...lines, 'No trigger has a holdout.'];
  lines.push(
    formatTable(
      [
        'trigger',
        'held out',
        'exposed: expanded',
        'held out: expanded',
        'incremental rate [95% CI]',
        'incremental $/account [95% CI]',
        'verdict',
        'pending',
      ],
      rows.map((row) => {
        const { lift } = row;
        const arm = (a: { accounts: number; expanded: number }) => `${a.expanded}/${a.accounts}`;
        const pending = String(row.exposed.pending + row.heldOut.pending);
        const share = row.holdout === null ? 'ended' : pct(row.holdout, 0);
        if (typeof lift === 'string')
          return [row.triggerId, share, arm(row.exposed), arm(row.heldOut), lift, '—', '—', pending];
        const amount = lift.incrementalAmountInterval;
        return [
          row.triggerId,
          share,
          `${arm(row.exposed)} (${pct(lift.exposed.rate)})`,
          `${arm(row.heldOut)} (${pct(lift.heldOut.rate)})`,
          pctInterval(lift.incrementalRate, lift.incrementalRateInterval),
          Number.isFinite(amount.lower)
            ? `${money(lift.incrementalAmount)} [${money(amount.lower)}, ${money(amount.upper)}]`
            : '—',
          VERDICT_WORDS[lift.verdict],
          pending,
        ];
      }),
    ),
  );
  return lines;
}

/** `headroom report`: experiment results (with statistics) and the expansion funnel from the admin API. */
export async function reportCommand(options: ReportCommandOptions): Promise<void> {
  const [experiments, funnel, pqls, holdoutReport, expansionReport] = await Promise.all([
    getJson<AdminExperiments>(options, 'v1/admin/experiments', adminExperimentsSchema),
    getJson<AdminFunnel>(options, `v1/admin/funnel?days=${options.days}`, adminFunnelSchema),
    getJson<AdminPqls>(options, 'v1/admin/pqls', adminPqlsSchema),
    getJson<AdminHoldouts>(options, 'v1/admin/holdouts', adminHoldoutsSchema, true),
    getJson<AdminExpansion>(options, `v1/admin/expansion?days=${options.days}`, adminExpansionSchema, true),
  ]);
  const analyses = experiments.experiments.map((e) => analyze(e, options.analysis ?? {}));
  const holdouts = (holdoutReport?.triggers ?? []).map((t) => ({ ...t, lift: liftOf(t) }));
  const expansion = expansionReport === null ? null : expansionMetrics(expansionReport);
  if (options.json) {
    options.out(`${JSON.stringify({ experiments: analyses, funnel, pqls, holdouts, expansion }, null, 2)}\n`);
    return;
  }
  const lines: string[] = [];
  for (const e of analyses) lines.push(...experimentSection(e));
  if (analyses.length === 0) lines.push('No experiments.', '');
  lines.push(`Expansion funnel since ${funnel.since.slice(0, 10)} (distinct accounts per step)`);
  lines.push(
    formatTable(
      [
        'trigger',
        'fired',
        'shown',
        'clicked',
        'routed',
        'completed',
        'drop-off per step',
        'median to upgrade',
      ],
      funnel.byTrigger.map((row) => [
        row.triggerId,
        String(row.fired),
        String(row.shown),
        String(row.clicked),
        String(row.routed),
        String(row.completed),
        funnelDropOff(row)
          .map((d) => (d === null ? '—' : pct(d, 0)))
          .join(' / '),
        row.medianMsToUpgrade === null ? '—' : `${(row.medianMsToUpgrade / 86_400_000).toFixed(1)} d`,
      ]),
    ),
  );
  const r = funnel.routes;
  lines.push(
    `Routes (decisions the edge made): self-serve ${r.self_serve}, self-serve with assist ${r.self_serve_with_assist}, CS assist ${r.cs_assist}`,
    `Routed without a prompt click (direct): ${funnel.direct} accounts`,
  );
  lines.push('', `Product-qualified accounts (edge-evaluated, eligible): ${pqls.accounts.length}`);
  if (pqls.accounts.length > 0) {
    lines.push(
      formatTable(
        ['account', 'plan', 'segment', 'signals', 'active triggers', 'potential ACV'],
        [...pqls.accounts]
          .sort((a, b) => (b.potentialExpansionAcv ?? -1) - (a.potentialExpansionAcv ?? -1))
          .slice(0, 20)
          .map((a) => [
            a.accountId,
            a.plan ?? '—',
            a.segment ?? '—',
            `${a.signals}${a.reachesHuman ? '' : ' (in-product)'}`,
            a.activeTriggers.join(', '),
            a.potentialExpansionAcv === null
              ? '—'
              : `$${Math.round(a.potentialExpansionAcv).toLocaleString('en-US')}`,
          ]),
      ),
    );
  }
  lines.push(`Suppressed (signals, but not ready to pitch): ${pqls.suppressed.length}`);
  for (const a of pqls.suppressed.slice(0, 20))
    lines.push(`  ${a.accountId}: ${a.activeTriggers.join(', ')} — ${a.suppressedBecause.join(', ')}`);
  if (holdoutReport) lines.push('', ...holdoutSection(holdoutReport.outcomeDays, holdouts));
  if (expansion) lines.push('', ...expansionSection(expansion));
  if (funnel.definitions) {
    lines.push('', 'Definitions:');
    for (const [term, meaning] of Object.entries(funnel.definitions)) lines.push(`  ${term}: ${meaning}`);
  }
  options.out(`${lines.join('\n')}\n`);
}
