import {
  type AdminExperiments,
  type AdminFunnel,
  type AdminPqls,
  adminErrorSchema,
  adminExperimentsSchema,
  adminFunnelSchema,
  adminPqlsSchema,
  funnelDropOff,
} from '../admin-api.ts';
import { type AnalysisOptions, analyzeExperiment } from '../analyze-experiment.ts';
import { type AnalyzedExperiment, experimentSection } from './experiment-section.ts';
import { formatTable, pct } from './format-table.ts';

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

async function getJson<T>(
  options: ReportCommandOptions,
  path: string,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
): Promise<T> {
  const url = new URL(path, options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`);
  const response = await (options.fetch ?? fetch)(url, {
    headers: { authorization: `Bearer ${options.adminToken}`, accept: 'application/json' },
  });
  const body: unknown = await response.json().catch(() => null);
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

/** `headroom report`: experiment results (with statistics) and the expansion funnel from the admin API. */
export async function reportCommand(options: ReportCommandOptions): Promise<void> {
  const [experiments, funnel, pqls] = await Promise.all([
    getJson<AdminExperiments>(options, 'v1/admin/experiments', adminExperimentsSchema),
    getJson<AdminFunnel>(options, `v1/admin/funnel?days=${options.days}`, adminFunnelSchema),
    getJson<AdminPqls>(options, 'v1/admin/pqls', adminPqlsSchema),
  ]);
  const analyses = experiments.experiments.map((e) => analyze(e, options.analysis ?? {}));
  if (options.json) {
    options.out(`${JSON.stringify({ experiments: analyses, funnel, pqls }, null, 2)}\n`);
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
  if (funnel.definitions) {
    lines.push('', 'Definitions:');
    for (const [term, meaning] of Object.entries(funnel.definitions)) lines.push(`  ${term}: ${meaning}`);
  }
  options.out(`${lines.join('\n')}\n`);
}
