import type { AdminBacktest, BacktestTriggerFigures } from '@headroom/insights';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdminClient } from '../admin-client.ts';
import { pct } from '../format.ts';

type Interval = { lower: number; upper: number };
const withInterval = (value: number, p: Interval) => `${pct(value)} (95% CI ${pct(p.lower)}–${pct(p.upper)})`;

const VERDICTS: Record<BacktestTriggerFigures['verdict'], string> = {
  automate: 'Automate',
  tune_threshold: 'Tune the threshold',
  do_not_automate: "Don't automate",
  inconclusive: 'Inconclusive: wait for more history',
  insufficient_data: 'Not enough history',
};

function Figures({ figures }: { figures: BacktestTriggerFigures | null }) {
  if (figures === null) return <td colSpan={4}>not in this config</td>;
  return (
    <>
      <td>{withInterval(figures.fireRate.value, figures.fireRate)}</td>
      <td>
        {withInterval(figures.preceded.value, figures.preceded)}
        <br />
        <small>
          {figures.preceded.successes} of {figures.preceded.trials}
        </small>
        {figures.preceded.medianLeadDays !== null && (
          <>
            <br />
            <small>median lead {Math.round(figures.preceded.medianLeadDays)} days</small>
          </>
        )}
      </td>
      <td>
        {figures.falsePositiveRate === null ? (
          '—'
        ) : (
          <>
            {withInterval(figures.falsePositiveRate.value, figures.falsePositiveRate)}
            <br />
            <small>of {figures.falsePositiveRate.trials} fire episodes</small>
          </>
        )}
        {figures.censored > 0 && (
          <>
            <br />
            <small>{figures.censored} too recent to judge</small>
          </>
        )}
      </td>
      <td title={figures.message}>{VERDICTS[figures.verdict]}</td>
    </>
  );
}

/**
 * Runs the draft's triggers over the stored history beside the live config's (the edge streams
 * progress), judged by the playbook: fire on 5–15 % of eligible accounts per quarter, precede
 * ≥ 40 % of expansions with < 50 % false positives, the last two read off their 95 % intervals.
 * Cancel closes the request, which stops the run.
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
  const { lookbackDays, outcomeDays, quietDays } = result.settings;
  const quarters = result.triggers[0]?.draft?.quarters ?? result.triggers[0]?.live?.quarters ?? [];
  return (
    <>
      <p class="meta">
        {result.events.toLocaleString('en-US')} events, {result.accounts.toLocaleString('en-US')} accounts,{' '}
        {result.expansions} server-reported expansions
        {result.from && result.to ? `, ${result.from.slice(0, 10)} → ${result.to.slice(0, 10)}` : ''}.{' '}
        {result.neverEligibleExpansions} of them came from accounts never eligible in the {lookbackDays} days
        before: no trigger could precede them, so “preceded” leaves them out.
      </p>
      <p class="meta">
        A fire counts only while the account is eligible. A fire episode starts with a fire after at least{' '}
        {quietDays} days without one; it is a false positive when no expansion came within {outcomeDays} days.
        Playbook: fire on 5–15% of eligible accounts per quarter; precede ≥ 40% of expansions with &lt; 50%
        false positives, judged on the 95% intervals (inconclusive when an interval straddles its bar).
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
      {quarters.length > 0 && (
        <table>
          <caption>Fire rate per quarter among eligible accounts (95% interval)</caption>
          <thead>
            <tr>
              <th scope="col">Trigger</th>
              <th scope="col">Config</th>
              {quarters.map((q) => (
                <th scope="col" key={q.quarter}>
                  {q.quarter} ({q.eligibleAccounts.toLocaleString('en-US')} eligible)
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.triggers.flatMap((t) =>
              (['draft', 'live'] as const).flatMap((config) => {
                const figures = t[config];
                if (figures === null) return [];
                return [
                  <tr key={`${t.id}:${config}`}>
                    <th scope="row">{t.id}</th>
                    <td>{config === 'draft' ? 'Draft' : 'Live'}</td>
                    {figures.quarters.map((q) => (
                      <td key={q.quarter}>{withInterval(q.fireRate, q)}</td>
                    ))}
                  </tr>,
                ];
              }),
            )}
          </tbody>
        </table>
      )}
    </>
  );
}
