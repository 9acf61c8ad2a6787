import {
  type AdminExperiments,
  type AnalysisOptions,
  analyzeExperiment,
  type ExperimentAnalysis,
} from '@headroom/insights';
import { pct, points } from '../format.ts';
import { RateChart } from './rate-chart.tsx';

const VERDICT_LABEL: Record<ExperimentAnalysis['verdict']['kind'], string> = {
  winner: 'Winner',
  control_better: 'Keep control',
  no_significant_difference: 'No significant difference',
  insufficient_data: 'Not enough data',
  sample_ratio_mismatch: 'Sample ratio mismatch',
};

type Experiment = AdminExperiments['experiments'][number];

function analyze(experiment: Experiment, options: AnalysisOptions): ExperimentAnalysis | Error {
  try {
    return analyzeExperiment(experiment, options);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** "95% always-valid CI" / "98.3% CI": the interval the verdict reads. */
function intervalName(analysis: ExperimentAnalysis): string {
  const level = `${Number((analysis.decisionLevel * 100).toFixed(1))}%`;
  return `${level} ${analysis.method === 'sequential' ? 'always-valid ' : ''}CI`;
}

/** One experiment: method, verdict, chart and the per-variant table; or why it cannot be analyzed. */
export function ExperimentCard({
  experiment: e,
  options,
}: {
  experiment: Experiment;
  options: AnalysisOptions;
}) {
  const analysis = analyze(e, options);
  // Each version is its own experiment (new salt, new treatments): named apart, never pooled.
  const name =
    e.current === false
      ? `${e.id} version ${e.version} (ended)`
      : (e.version ?? 1) > 1
        ? `${e.id} version ${e.version}`
        : e.id;
  const headingId = `exp-${e.id}-v${e.version ?? 1}`;
  return (
    <article class="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{name}</h3>
      <p class="meta">
        Goal <code>{e.goal}</code> reported by your backend within {e.conversionWindowDays} days of first
        exposure · unit: {e.unit}
      </p>
      {e.current === false && (
        <p class="meta">
          A later version replaced this one's treatments; its units and conversions are counted here only.
        </p>
      )}
      {analysis instanceof Error ? (
        <p role="alert" class="warning">
          Cannot analyze {name}: {analysis.message}
        </p>
      ) : (
        <Results id={name} analysis={analysis} />
      )}
    </article>
  );
}

function Results({ id, analysis }: { id: string; analysis: ExperimentAnalysis }) {
  const sequential = analysis.method === 'sequential';
  const comparisons = Math.max(1, analysis.variants.length - 1);
  return (
    <>
      <p class="meta">
        {sequential
          ? 'Sequential verdict: always-valid intervals, so reading it every day does not raise the false-call rate.'
          : analysis.plan === null
            ? 'Fixed-horizon verdict without a planned sample size: provisional.'
            : `Fixed-horizon verdict, ${Math.round(analysis.plan.progress * 100)}% of the planned ${analysis.plan.exposuresPerVariant.toLocaleString('en-US')} exposures per variant.`}
        {comparisons > 1 ? ` Intervals adjusted for ${comparisons} comparisons.` : ''}
      </p>
      {analysis.srm.mismatch && (
        <p role="alert" class="warning">
          Sample ratio mismatch: exposures {analysis.variants.map((v) => v.exposures).join(' / ')} vs expected{' '}
          {analysis.srm.expected.map((n) => Math.round(n)).join(' / ')} (p ={' '}
          {analysis.srm.pValue.toExponential(1)}). Don't trust these results until assignment or exposure
          logging is fixed.
        </p>
      )}
      <p class={`verdict verdict-${analysis.verdict.kind}`}>
        <strong>
          {VERDICT_LABEL[analysis.verdict.kind]}
          {analysis.verdict.provisional ? ' (provisional)' : ''}.
        </strong>{' '}
        {analysis.verdict.message}
      </p>
      <RateChart variants={analysis.variants} label={`Conversion rate by variant for ${id}`} />
      <table>
        <caption>
          Per-variant results for {id} (rates with 95% intervals; lift with the {intervalName(analysis)} the
          verdict reads)
        </caption>
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col">Exposures</th>
            <th scope="col">Conversions</th>
            <th scope="col">Rate (95% CI)</th>
            <th scope="col">Lift vs control ({intervalName(analysis)})</th>
            <th scope="col">Relative lift (fixed-horizon 95% CI)</th>
            {sequential && <th scope="col">Always-valid p</th>}
            <th scope="col">Fixed-horizon p</th>
            <th scope="col">P(beats control)</th>
          </tr>
        </thead>
        <tbody>
          {analysis.variants.map((v) => (
            <tr key={v.id}>
              <th scope="row">
                {v.id}
                {v.isControl ? ' (control)' : ''}
              </th>
              <td>{v.exposures}</td>
              <td>{v.conversions}</td>
              <td>
                {pct(v.rate)} ({pct(v.rateInterval.lower)} – {pct(v.rateInterval.upper)})
              </td>
              <td>
                {v.vsControl
                  ? `${points(v.vsControl.absoluteLift)} (${points(v.vsControl.decisionInterval.lower)} to ${points(v.vsControl.decisionInterval.upper)})`
                  : '—'}
              </td>
              <td>
                {v.vsControl?.relativeLift != null && v.vsControl.relativeLiftInterval
                  ? `${pct(v.vsControl.relativeLift)} (${pct(v.vsControl.relativeLiftInterval.lower)} to ${pct(v.vsControl.relativeLiftInterval.upper)})`
                  : '—'}
              </td>
              {sequential && <td>{v.vsControl ? v.vsControl.sequential.pValue.toFixed(4) : '—'}</td>}
              <td>{v.vsControl ? v.vsControl.pValue.toFixed(4) : '—'}</td>
              <td>{v.vsControl ? pct(v.vsControl.probabilityToBeatControl) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {analysis.retired.length > 0 && (
        <p class="meta">
          Retired (weight 0, not compared, not in the ratio check):{' '}
          {analysis.retired
            .map((v) => `${v.id} ${v.exposures} exposures, ${v.conversions} conversions`)
            .join('; ')}
        </p>
      )}
    </>
  );
}
