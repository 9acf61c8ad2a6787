import { FUNNEL_STEPS, funnelDropOff } from '@headroom/insights';
import { useState } from 'preact/hooks';
import type { AdminClient } from '../admin-client.ts';
import { days, pct } from '../format.ts';
import { useResource } from '../use-resource.ts';
import { DefinitionsList } from './definitions-list.tsx';
import { LoadState } from './load-state.tsx';

/** The expansion funnel per trigger: fired → shown → clicked → routed → completed, with drop-off. */
export function FunnelView({ client }: { client: AdminClient }) {
  const [windowDays, setWindowDays] = useState(90);
  const resource = useResource(() => client.funnel(windowDays), `funnel:${windowDays}`);
  return (
    <section aria-labelledby="funnel-heading">
      <h2 id="funnel-heading">Expansion funnel</h2>
      <label>
        Period{' '}
        <select value={windowDays} onChange={(e) => setWindowDays(Number(e.currentTarget.value))}>
          <option value={30}>Last 30 days</option>
          <option value={90}>Last 90 days</option>
          <option value={180}>Last 180 days</option>
        </select>
      </label>
      <LoadState resource={resource}>
        {(funnel) => (
          <>
            <table>
              <caption>
                Distinct accounts per step since {funnel.since.slice(0, 10)}, each step counting only accounts
                that reached the one before; drop-off in brackets
              </caption>
              <thead>
                <tr>
                  <th scope="col">Trigger</th>
                  {FUNNEL_STEPS.map(([, label]) => (
                    <th scope="col" key={label}>
                      {label}
                    </th>
                  ))}
                  <th scope="col">Median time to upgrade</th>
                </tr>
              </thead>
              <tbody>
                {funnel.byTrigger.length === 0 && (
                  <tr>
                    <td colSpan={FUNNEL_STEPS.length + 2}>No trigger has fired in this period.</td>
                  </tr>
                )}
                {funnel.byTrigger.map((row) => {
                  const drops = funnelDropOff(row);
                  return (
                    <tr key={row.triggerId}>
                      <th scope="row">{row.triggerId}</th>
                      {FUNNEL_STEPS.map(([step], i) => {
                        const drop = i === 0 ? undefined : drops[i - 1];
                        const share = row.fired > 0 ? row[step] / row.fired : 0;
                        return (
                          <td key={step}>
                            <span
                              class="bar"
                              style={{ inlineSize: `${Math.round(share * 100)}%` }}
                              aria-hidden="true"
                            />
                            {row[step]}
                            {drop !== undefined && <span class="drop"> ({dropLabel(drop)})</span>}
                          </td>
                        );
                      })}
                      <td>{row.medianMsToUpgrade === null ? '—' : days(row.medianMsToUpgrade)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <p>
              Routed without a prompt click (direct): <strong>{funnel.direct}</strong>{' '}
              {funnel.direct === 1 ? 'account' : 'accounts'}
            </p>
            <DefinitionsList definitions={funnel.definitions} />
          </>
        )}
      </LoadState>
    </section>
  );
}

// Drop-off from the previous step; a step can exceed the one before (e.g. prompts shown for a
// trigger fired before the period), shown as a gain.
function dropLabel(drop: number | null): string {
  if (drop === null) return '—';
  if (drop === 0) return '0%';
  return drop > 0 ? `−${pct(drop, 0)}` : `+${pct(-drop, 0)}`;
}
