import type { AdminBacktest, BacktestTriggerFigures } from '@headroom/insights';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdminClient } from '../admin-client.ts';
import { pct } from '../format.ts';

type Proportion = BacktestTriggerFigures['fireRate'];
const withInterval = (p: Proportion) => `${pct(p.value)} (95% CI ${pct(p.lower)}–${pct(p.upper)})`;

const VERDICTS: Record<BacktestTriggerFigures['verdict'], string> = {
  automate: 'Automate',
  tune_threshold: 'Tune the threshold',
  do_not_automate: "Don't automate",
  insufficient_data: 'Not enough history',
};

function Figures({ figures }: { figures: BacktestTriggerFigures | null }) {
  if (figures === null) return <td colSpan={4}>not in this config</td>;
  return (
    <>
      <td>{withInterval(figures.fireRate)}</td>
      <td>
        {withInterval(figures.preceded)}
        {figures.preceded.medianLeadDays !== null && (
          <>
            <br />
            <small>median lead {Math.round(figures.preceded.medianLeadDays)} days</small>
          </>
        )}
      </td>
      <td>{figures.falsePositiveRate === null ? '—' : withInterval(figures.falsePositiveRate)}</td>
      <td title={figures.message}>{VERDICTS[figures.verdict]}</td>
    </>
  );
}

/**
 * Runs the draft's triggers over the stored history beside the live config's (the edge streams
 * progress), judged by the playbook: fire on 5–15 % of eligible accounts per quarter, precede
 * ≥ 40 % of expansions with < 50 % false positives. Cancel closes the request, which stops the run.
 */
export function BacktestPreview({ client, draft }: { client: AdminClient; draft: unknown }) {
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'running'; events: number; total: number }
    | { kind: 'done'; result: AdminBacktest }
    | { kind: 'cancelled' }
    | { kind: 'error'; text: string }
  >({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  // Leaving the page stops a run nobody will read.
  useEffect(() => () => abort.current?.abort(), []);
  // An edit makes running or finished figures someone else's draft's: start over.
  useEffect(() => {
    abort.current?.abort();
    setState({ kind: 'idle' });
  }, [draft]);

  const run = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: 'running', events: 0, total: 0 });
    try {
      const result = await client.backtest(draft, controller.signal, (line) => {
        if (line.type === 'start') setState({ kind: 'running', events: 0, total: line.totalEvents });
        if (line.type === 'progress')
          setState({ kind: 'running', events: line.events, total: line.totalEvents });
      });
      setState({ kind: 'done', result });
    } catch (e) {
      setState(
        controller.signal.aborted
          ? { kind: 'cancelled' }
          : { kind: 'error', text: e instanceof Error ? e.message : String(e) },
      );
    } finally {
      abort.current = null;
    }
  };

  return (
    <section aria-labelledby="backtest-heading" class="preview-panel">
      <h3 id="backtest-heading">Backtest on stored history</h3>
      {state.kind === 'running' ? (
        <>
          <label for="backtest-progress">Events replayed</label>{' '}
          <progress id="backtest-progress" max={Math.max(state.total, 1)} value={state.events} />{' '}
          <span>
            {state.events.toLocaleString('en-US')} of {state.total.toLocaleString('en-US')}
          </span>{' '}
          <button type="button" onClick={() => abort.current?.abort()}>
            Cancel backtest
          </button>
        </>
      ) : (
        <button type="button" onClick={() => void run()}>
          Run backtest
        </button>
      )}
      <div aria-live="polite">
        {state.kind === 'cancelled' && <p>Backtest cancelled.</p>}
        {state.kind === 'error' && <p class="error">{state.text}</p>}
        {state.kind === 'done' && <BacktestTable result={state.result} />}
      </div>
    </section>
  );
}

function BacktestTable({ result }: { result: AdminBacktest }) {
  return (
    <>
      <p class="meta">
        {result.events.toLocaleString('en-US')} events, {result.accounts.toLocaleString('en-US')} accounts,{' '}
        {result.expansions} server-reported expansions
        {result.from && result.to ? `, ${result.from.slice(0, 10)} → ${result.to.slice(0, 10)}` : ''}.
        Playbook: fire on 5–15% of eligible accounts per quarter; precede ≥ 40% of expansions with &lt; 50%
        false positives.
      </p>
      <table>
        <caption>Backtest per trigger: the draft beside the live config</caption>
        <thead>
          <tr>
            <th scope="col">Trigger</th>
            <th scope="col">Config</th>
            <th scope="col">Fire rate per quarter</th>
            <th scope="col">Expansions preceded</th>
            <th scope="col">False positives</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {result.triggers.flatMap((t) => [
            <tr key={`${t.id}:draft`}>
              <th scope="row" rowSpan={2}>
                {t.id}
              </th>
              <td>Draft</td>
              <Figures figures={t.draft} />
            </tr>,
            <tr key={`${t.id}:live`}>
              <td>Live</td>
              <Figures figures={t.live} />
            </tr>,
          ])}
        </tbody>
      </table>
    </>
  );
}
