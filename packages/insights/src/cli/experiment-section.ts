import type { AdminExperiments } from '../admin-api.ts';
import type { ExperimentAnalysis } from '../analyze-experiment.ts';
import { formatTable, pct } from './format-table.ts';

const signed = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;

/** What the CLI knows about one experiment: its counts and either an analysis or why there is none. */
export type AnalyzedExperiment = AdminExperiments['experiments'][number] &
  ({ analysis: ExperimentAnalysis; error?: undefined } | { analysis: null; error: string });

/** The name of the interval a verdict reads, e.g. "95% always-valid CI". */
export function decisionIntervalName(analysis: ExperimentAnalysis): string {
  const level = `${Number((analysis.decisionLevel * 100).toFixed(1))}%`;
  return `${level} ${analysis.method === 'sequential' ? 'always-valid ' : ''}CI`;
}

/** One experiment as text: header, method, per-variant table, retired variants, SRM warning, verdict. */
export function experimentSection(e: AnalyzedExperiment): string[] {
  // Each version is its own experiment: an earlier one is named as ended, never pooled.
  const version =
    e.current === false
      ? ` version ${e.version}, ended`
      : (e.version ?? 1) > 1
        ? ` version ${e.version}`
        : '';
  const lines = [
    `Experiment ${e.id}${version} (goal ${e.goal} within ${e.conversionWindowDays} days, unit ${e.unit})`,
  ];
  if (e.analysis === null) {
    lines.push(`Cannot analyze: ${e.error}`, '');
    return lines;
  }
  const a = e.analysis;
  const comparisons = Math.max(1, a.variants.length - 1);
  const adjusted = comparisons > 1 ? `, adjusted for ${comparisons} comparisons` : '';
  lines.push(
    a.method === 'sequential'
      ? `Method: sequential (always-valid intervals${adjusted}; safe to read every day)`
      : `Method: fixed-horizon${adjusted}${a.plan === null ? ', no planned sample size' : `, planned ${a.plan.exposuresPerVariant} exposures per variant (${Math.round(a.plan.progress * 100)}% reached)`}`,
  );
  const sequential = a.method === 'sequential';
  lines.push(
    formatTable(
      [
        'variant',
        'exposures',
        'conversions',
        'rate (95% CI)',
        `lift pts (${decisionIntervalName(a)})`,
        'rel. lift',
        ...(sequential ? ['always-valid p'] : []),
        'fixed-horizon p',
        'P(beat ctrl)',
      ],
      a.variants.map((v) => {
        const vs = v.vsControl;
        return [
          v.isControl && v.id !== 'control' ? `${v.id} (control)` : v.id,
          String(v.exposures),
          String(v.conversions),
          `${pct(v.rate)} (${pct(v.rateInterval.lower)}–${pct(v.rateInterval.upper)})`,
          vs === null
            ? '—'
            : `${signed(vs.absoluteLift)} (${signed(vs.decisionInterval.lower)} to ${signed(vs.decisionInterval.upper)})`,
          vs?.relativeLift == null ? '—' : `${signed(vs.relativeLift)}%`,
          ...(sequential ? [vs === null ? '—' : vs.sequential.pValue.toFixed(4)] : []),
          vs === null ? '—' : vs.pValue.toFixed(4),
          vs === null ? '—' : pct(vs.probabilityToBeatControl),
        ];
      }),
    ),
  );
  if (a.retired.length > 0)
    lines.push(
      `Retired (weight 0, not compared): ${a.retired.map((v) => `${v.id} ${v.exposures} exposures, ${v.conversions} conversions`).join('; ')}`,
    );
  if (a.srm.mismatch) lines.push(`WARNING sample ratio mismatch (p = ${a.srm.pValue.toExponential(2)})`);
  lines.push(`Verdict: ${a.verdict.message}`, '');
  return lines;
}
