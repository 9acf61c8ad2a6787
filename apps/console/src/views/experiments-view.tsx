import type { AnalysisOptions, InferenceMethod } from '@headroom/insights';
import { useState } from 'preact/hooks';
import type { AdminClient } from '../admin-client.ts';
import { useResource } from '../use-resource.ts';
import { ExperimentCard } from './experiment-card.tsx';
import { LoadState } from './load-state.tsx';
import { SampleSizePlanner } from './sample-size-planner.tsx';

/**
 * Every experiment: rate per variant with intervals, lift, p-values, SRM check and verdict.
 * The verdict is sequential (always-valid) unless the reader picks a fixed-horizon read against
 * a planned sample size.
 */
export function ExperimentsView({ client }: { client: AdminClient }) {
  const resource = useResource(() => client.experiments(), 'experiments');
  const [method, setMethod] = useState<InferenceMethod>('sequential');
  const [planned, setPlanned] = useState('');
  const plannedExposures = Number(planned);
  const options: AnalysisOptions = {
    method,
    ...(planned !== '' && Number.isInteger(plannedExposures) && plannedExposures > 0
      ? { plannedExposuresPerVariant: plannedExposures }
      : {}),
  };
  return (
    <section aria-labelledby="experiments-heading">
      <h2 id="experiments-heading">Experiments</h2>
      <fieldset class="analysis-options">
        <legend>How verdicts are decided</legend>
        <label>
          Verdict{' '}
          <select
            value={method}
            onChange={(e) =>
              setMethod(e.currentTarget.value === 'fixed_horizon' ? 'fixed_horizon' : 'sequential')
            }
          >
            <option value="sequential">Sequential — safe to read any day</option>
            <option value="fixed_horizon">Fixed-horizon — read once, at the planned size</option>
          </select>
        </label>{' '}
        <label>
          Planned exposures per variant{' '}
          <input
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            value={planned}
            onInput={(e) => setPlanned(e.currentTarget.value)}
          />
        </label>
      </fieldset>
      <LoadState resource={resource}>
        {(data) =>
          data.experiments.length === 0 ? (
            <p>No experiments yet. Add one in the config editor.</p>
          ) : (
            data.experiments.map((e) => (
              <ExperimentCard key={`${e.id}:${e.version ?? 1}`} experiment={e} options={options} />
            ))
          )
        }
      </LoadState>
      <SampleSizePlanner />
    </section>
  );
}
