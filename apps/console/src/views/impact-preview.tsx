import type { AdminImpact } from '@headroom/insights';
import { useEffect, useState } from 'preact/hooks';
import type { AdminClient } from '../admin-client.ts';

const ROUTE_LABELS: Record<string, string> = {
  self_serve: 'Self-serve',
  self_serve_with_assist: 'Self-serve with assist',
  cs_assist: 'CS assist',
  not_pql: 'No longer a PQL',
};
const routeLabel = (route: string) => ROUTE_LABELS[route] ?? route;
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/**
 * The draft's impact on the accounts the edge knows now: per prompt who would newly see it or
 * stop seeing it, and how current PQLs' routes would shift. Asked for on demand (it evaluates
 * every account twice).
 */
export function ImpactPreview({ client, draft }: { client: AdminClient; draft: unknown }) {
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'busy' }
    | { kind: 'done'; impact: AdminImpact }
    | { kind: 'error'; text: string }
  >({ kind: 'idle' });
  // Figures of an earlier draft would be read as this one's.
  useEffect(() => setState({ kind: 'idle' }), [draft]);
  const run = async () => {
    setState({ kind: 'busy' });
    try {
      setState({ kind: 'done', impact: await client.impact(draft) });
    } catch (e) {
      setState({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <section aria-labelledby="impact-heading" class="preview-panel">
      <h3 id="impact-heading">Impact on accounts now</h3>
      <button type="button" disabled={state.kind === 'busy'} onClick={() => void run()}>
        {state.kind === 'busy' ? 'Evaluating accounts…' : 'Preview impact'}
      </button>
      <div aria-live="polite">
        {state.kind === 'error' && <p class="error">{state.text}</p>}
        {state.kind === 'done' && <ImpactTables impact={state.impact} />}
      </div>
    </section>
  );
}

function ImpactTables({ impact }: { impact: AdminImpact }) {
  const changedPrompts = impact.prompts.filter((p) => p.newlySee > 0 || p.stopSeeing > 0);
  return (
    <>
      <p class="meta">
        {impact.accounts} accounts evaluated under live v{impact.liveVersion} and the draft
        {impact.truncated ? ' (the first ones only: more exist)' : ''}; eligible {impact.eligible.live} →{' '}
        {impact.eligible.draft}.
      </p>
      <table>
        <caption>Prompts: eligible accounts that would see each one</caption>
        <thead>
          <tr>
            <th scope="col">Prompt</th>
            <th scope="col">Live</th>
            <th scope="col">Draft</th>
            <th scope="col">Newly see it</th>
            <th scope="col">Stop seeing it</th>
          </tr>
        </thead>
        <tbody>
          {impact.prompts.map((p) => (
            <tr key={p.promptId}>
              <th scope="row">{p.promptId}</th>
              <td>{p.live}</td>
              <td>{p.draft}</td>
              <td>{p.newlySee}</td>
              <td>{p.stopSeeing}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {changedPrompts.length === 0 && <p>No account would see a different prompt.</p>}
      <table>
        <caption>
          Routes of current PQLs asking for their next plan ({impact.routes.pqls.live} live →{' '}
          {impact.routes.pqls.draft} with the draft)
        </caption>
        <thead>
          <tr>
            <th scope="col">Route</th>
            <th scope="col">Live</th>
            <th scope="col">Draft</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {(['self_serve', 'self_serve_with_assist', 'cs_assist'] as const).map((route) => (
            <tr key={route}>
              <th scope="row">{routeLabel(route)}</th>
              <td>{impact.routes.live[route]}</td>
              <td>{impact.routes.draft[route]}</td>
              <td>{signed(impact.routes.draft[route] - impact.routes.live[route])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {impact.routes.shifts.length > 0 && (
        <ul aria-label="Route shifts">
          {impact.routes.shifts.map((s) => (
            <li key={`${s.from}>${s.to}`}>
              {s.accounts} account{s.accounts === 1 ? '' : 's'}: {routeLabel(s.from)} → {routeLabel(s.to)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
