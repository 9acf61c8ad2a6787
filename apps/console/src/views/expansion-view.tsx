import {
  EXPANSION_DEFINITIONS,
  type ExpansionMetrics,
  type ExpansionSliceMetrics,
  expansionCsv,
  expansionMetrics,
  SEGMENTS,
} from '@headroom/insights';
import { useState } from 'preact/hooks';
import type { AdminClient } from '../admin-client.ts';
import { pct, usd } from '../format.ts';
import { useResource } from '../use-resource.ts';
import { DefinitionsList } from './definitions-list.tsx';
import { LoadState } from './load-state.tsx';
import { sharePct, WeeklyChart } from './weekly-chart.tsx';

const WINDOWS = [90, 180, 365] as const;
const TERMS = {
  pqlRate: 'PQL rate',
  pqlConversion: 'PQL → expansion',
  avgExpansionAcv: 'Average expansion ACV',
};
const rate = (x: number | null) => (x === null ? '—' : pct(x));
const money = (x: number | null) => (x === null ? '—' : usd(x));
const pts = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} pts`);
const k = (x: number | null) => (x === null ? '—' : x.toFixed(3));

function Formula({ metrics }: { metrics: ExpansionMetrics }) {
  const { formula, total } = metrics;
  const binding = formula.terms.find((t) => t.name === formula.binding);
  return (
    <div class="formula">
      <p>
        <strong>Expansion MRR {money(formula.expansionMrr)}</strong> = {total.activeAccounts} active accounts
        × {rate(total.pqlRate)} PQL rate × {rate(total.pqlConversion)} PQL → expansion ×{' '}
        {money(total.avgExpansionAcv)} average expansion ACV ÷ 12
      </p>
      <p>
        Binding term:{' '}
        {binding?.ratio == null ? (
          '— (a term is unknown)'
        ) : (
          <>
            <strong>{TERMS[binding.name]}</strong>, at {pct(binding.ratio, 0)} of its reference (
            {binding.name === 'avgExpansionAcv' ? usd(binding.reference) : pct(binding.reference, 0)})
            {formula.mrrAtReference !== null && (
              <> — at the reference: {money(formula.mrrAtReference)} a month</>
            )}
          </>
        )}
      </p>
    </div>
  );
}

function SliceRow({ name, m }: { name: string; m: ExpansionSliceMetrics }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{m.activeAccounts}</td>
      <td>{k(m.kFactor)}</td>
      <td>{rate(m.pqlRate)}</td>
      <td>
        {m.pqlConversion === null ? '—' : `${rate(m.pqlConversion)} (${m.pqlsExpanded}/${m.pqlsJudged})`}
      </td>
      <td>{rate(m.nrr)}</td>
      <td>{pts(m.grossChurnDrag)}</td>
      <td>{rate(m.csAssistedShare)}</td>
    </tr>
  );
}

/**
 * The playbooks' expansion metrics: the PLG formula with its binding term, NRR by expansion
 * source with churn drag, k-factor, PQL conversion by trigger, CS share, the red flags, by week
 * and segment, and the lot as CSV.
 */
export function ExpansionView({ client }: { client: AdminClient }) {
  const [days, setDays] = useState<number>(180);
  const resource = useResource(
    async () => expansionMetrics(await client.expansion(days)),
    `expansion ${days}`,
  );
  return (
    <section aria-labelledby="expansion-heading">
      <h2 id="expansion-heading">Expansion metrics</h2>
      <label>
        Window{' '}
        <select value={days} onChange={(e) => setDays(Number((e.target as HTMLSelectElement).value))}>
          {WINDOWS.map((d) => (
            <option key={d} value={d}>
              last {d} days
            </option>
          ))}
        </select>
      </label>
      <LoadState resource={resource}>
        {(metrics) => {
          const t = metrics.total;
          return (
            <>
              <a
                download={`expansion-${metrics.until.slice(0, 10)}.csv`}
                href={`data:text/csv;charset=utf-8,${encodeURIComponent(expansionCsv(metrics))}`}
              >
                Export CSV
              </a>
              <Formula metrics={metrics} />
              <dl class="figures">
                <div>
                  <dt>Viral coefficient k</dt>
                  <dd>
                    {k(t.kFactor)} ={' '}
                    {t.invitesPerActiveUserPerMonth === null
                      ? '—'
                      : t.invitesPerActiveUserPerMonth.toFixed(2)}{' '}
                    invites per active user per month × {rate(t.acceptanceRate)} accepted
                  </dd>
                </div>
                <div>
                  <dt>PQL → expansion within {metrics.outcomeDays} days</dt>
                  <dd>
                    {t.pqlConversion === null || t.pqlConversionInterval === null
                      ? '— (no PQL old enough to judge)'
                      : `${pct(t.pqlConversion)} (95 % CI ${pct(t.pqlConversionInterval.lower)} to ${pct(t.pqlConversionInterval.upper)}; ${t.pqlsExpanded} of ${t.pqlsJudged})`}
                  </dd>
                </div>
                <div>
                  <dt>Net revenue retention</dt>
                  <dd>
                    {rate(t.nrr)} = 100 % + seat {pts(t.nrrFromSeat)} + usage {pts(t.nrrFromUsage)} + tier{' '}
                    {pts(t.nrrFromTier)} − contraction {pts(t.contractionDrag)} − gross churn{' '}
                    {pts(t.grossChurnDrag)} (starting ARR {usd(t.startingArr)}; new ARR {usd(t.newArr)} not in
                    NRR)
                  </dd>
                </div>
                <div>
                  <dt>CS-assisted expansions</dt>
                  <dd>
                    {rate(t.csAssistedShare)} ({t.csAssisted} of {t.expansions})
                  </dd>
                </div>
              </dl>
              <h3>Red flags</h3>
              <ul class="red-flags">
                {metrics.redFlags.map((flag) => (
                  <li key={flag.id} class={flag.raised ? 'flag-raised' : undefined}>
                    <strong>
                      {flag.raised === null ? 'Not enough data' : flag.raised ? 'Raised' : 'OK'}
                    </strong>{' '}
                    — {flag.threshold}: {flag.message}
                  </li>
                ))}
              </ul>
              <table>
                <caption>
                  By trigger: each account's first eligible fire in the window; expanded = upgrade within{' '}
                  {metrics.outcomeDays} days (95 % Wilson intervals)
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Trigger</th>
                    <th scope="col">PQLs</th>
                    <th scope="col">PQL → expansion</th>
                    <th scope="col">Median time to expansion</th>
                    <th scope="col">Share of expansions</th>
                  </tr>
                </thead>
                <tbody>
                  {metrics.triggers.map((x) => (
                    <tr key={x.triggerId}>
                      <th scope="row">{x.triggerId}</th>
                      <td>{x.pqls}</td>
                      <td>
                        {x.conversion === null || x.conversionInterval === null
                          ? '—'
                          : `${pct(x.conversion)} (${pct(x.conversionInterval.lower)} to ${pct(x.conversionInterval.upper)}; ${x.expanded}/${x.judged})`}
                      </td>
                      <td>
                        {x.medianDaysToExpansion === null
                          ? '—'
                          : `${x.medianDaysToExpansion.toFixed(1)} days`}
                      </td>
                      <td>{rate(x.expansionShare)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <table>
                <caption>By segment</caption>
                <thead>
                  <tr>
                    <th scope="col">Segment</th>
                    <th scope="col">Active accounts</th>
                    <th scope="col">k</th>
                    <th scope="col">PQL rate</th>
                    <th scope="col">PQL → expansion</th>
                    <th scope="col">NRR</th>
                    <th scope="col">Churn drag</th>
                    <th scope="col">CS share</th>
                  </tr>
                </thead>
                <tbody>
                  <SliceRow name="all" m={t} />
                  {SEGMENTS.map((s) => (
                    <SliceRow key={s} name={s} m={metrics.segments[s]} />
                  ))}
                </tbody>
              </table>
              <h3>Weekly</h3>
              <WeeklyChart
                label="PQL rate a month, by week"
                weeks={metrics.weeks.map((w) => ({ week: w.week, value: w.pqlRate }))}
                format={sharePct}
              />
              <WeeklyChart
                label="Expansion ARR by week"
                weeks={metrics.weeks.map((w) => ({
                  week: w.week,
                  value: w.seatArr + w.usageArr + w.tierArr + w.newArr,
                }))}
                format={usd}
              />
              <table>
                <caption>
                  Weekly (UTC weeks from Monday; PQL → expansion once every PQL of the week is judged)
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Week</th>
                    <th scope="col">Active accounts</th>
                    <th scope="col">k</th>
                    <th scope="col">PQLs</th>
                    <th scope="col">PQL → expansion</th>
                    <th scope="col">Expansions</th>
                    <th scope="col">Expansion ARR</th>
                    <th scope="col">Churn ARR</th>
                  </tr>
                </thead>
                <tbody>
                  {metrics.weeks.map((w) => (
                    <tr key={w.week}>
                      <th scope="row">{w.week}</th>
                      <td>{w.activeAccounts}</td>
                      <td>{k(w.kFactor)}</td>
                      <td>{w.pqls}</td>
                      <td>{w.judged ? rate(w.pqlConversion) : 'not judged yet'}</td>
                      <td>{w.expansions}</td>
                      <td>{usd(w.seatArr + w.usageArr + w.tierArr + w.newArr)}</td>
                      <td>{usd(w.churnArr)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <DefinitionsList definitions={EXPANSION_DEFINITIONS} />
            </>
          );
        }}
      </LoadState>
    </section>
  );
}
