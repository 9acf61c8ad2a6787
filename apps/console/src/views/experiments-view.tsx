import { analyzeExperiment, type ExperimentAnalysis } from '@headroom/insights';
import type { AdminClient } from '../admin-client.ts';
import { pct, points } from '../format.ts';
import { useResource } from '../use-resource.ts';
import { LoadState } from './load-state.tsx';
import { RateChart } from './rate-chart.tsx';

const VERDICT_LABEL: Record<ExperimentAnalysis['verdict']['kind'], string> = {
  winner: 'Winner',
  control_better: 'Keep control',
  no_significant_difference: 'No significant difference',
  insufficient_data: 'Not enough data',
  sample_ratio_mismatch: 'Sample ratio mismatch',
};

/** Every experiment: rate per variant with intervals, lift, p-value, SRM check and verdict. */
export function ExperimentsView({ client }: { client: AdminClient }) {
  const resource = useResource(() => client.experiments(), 'experiments');
  return (
    <section aria-labelledby="experiments-heading">
      <h2 id="experiments-heading">Experiments</h2>
      <LoadState resource={resource}>
        {(data) =>
          data.experiments.length === 0 ? (
            <p>No experiments yet. Add one in the config editor.</p>
          ) : (
            data.experiments.map((e) => {
              const analysis = analyzeExperiment(e);
              return (
                <article key={e.id} class="card" aria-labelledby={`exp-${e.id}`}>
                  <h3 id={`exp-${e.id}`}>{e.id}</h3>
                  <p class="meta">
                    Goal <code>{e.goal}</code> reported by your backend within {e.conversionWindowDays} days
                    of first exposure · unit: {e.unit}
                  </p>
                  {analysis.srm.mismatch && (
                    <p role="alert" class="warning">
                      Sample ratio mismatch: exposures {analysis.variants.map((v) => v.exposures).join(' / ')}{' '}
                      vs expected {analysis.srm.expected.map((n) => Math.round(n)).join(' / ')} (p ={' '}
                      {analysis.srm.pValue.toExponential(1)}). Don't trust these results until assignment or
                      exposure logging is fixed.
                    </p>
                  )}
                  <p class={`verdict verdict-${analysis.verdict.kind}`}>
                    <strong>{VERDICT_LABEL[analysis.verdict.kind]}.</strong> {analysis.verdict.message}
                  </p>
                  <RateChart variants={analysis.variants} label={`Conversion rate by variant for ${e.id}`} />
                  <table>
                    <caption>Per-variant results for {e.id} (95% intervals)</caption>
                    <thead>
                      <tr>
                        <th scope="col">Variant</th>
                        <th scope="col">Exposures</th>
                        <th scope="col">Conversions</th>
                        <th scope="col">Rate (95% CI)</th>
                        <th scope="col">Lift vs control (95% CI)</th>
                        <th scope="col">Relative lift (95% CI)</th>
                        <th scope="col">p-value</th>
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
                              ? `${points(v.vsControl.absoluteLift)} (${points(v.vsControl.absoluteLiftInterval.lower)} to ${points(v.vsControl.absoluteLiftInterval.upper)})`
                              : '—'}
                          </td>
                          <td>
                            {v.vsControl?.relativeLift != null && v.vsControl.relativeLiftInterval
                              ? `${pct(v.vsControl.relativeLift)} (${pct(v.vsControl.relativeLiftInterval.lower)} to ${pct(v.vsControl.relativeLiftInterval.upper)})`
                              : '—'}
                          </td>
                          <td>{v.vsControl ? v.vsControl.pValue.toFixed(4) : '—'}</td>
                          <td>{v.vsControl ? pct(v.vsControl.probabilityToBeatControl) : '—'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </article>
              );
            })
          )
        }
      </LoadState>
    </section>
  );
}
