import { type HoldoutLift, holdoutLift } from '@headroom/insights';
import type { AdminClient } from '../admin-client.ts';
import { pct, points, usd } from '../format.ts';
import { useResource } from '../use-resource.ts';
import { DefinitionsList } from './definitions-list.tsx';
import { LoadState } from './load-state.tsx';

const VERDICTS: Record<HoldoutLift['verdict'], string> = {
  lift: 'Causes expansion',
  harm: 'Costs expansion',
  no_detectable_lift: 'No detectable lift',
  too_few: 'Too few accounts to tell',
};

// Bad counts from the edge are shown on their row, never thrown.
function liftOf(exposed: Parameters<typeof holdoutLift>[0], heldOut: Parameters<typeof holdoutLift>[1]) {
  try {
    return holdoutLift(exposed, heldOut);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Does a trigger cause expansion or only precede it: eligible accounts that fired and saw its
 * prompt against those held out of it, with the incremental rate and amount per account.
 */
export function HoldoutsView({ client }: { client: AdminClient }) {
  const resource = useResource(() => client.holdouts(), 'holdouts');
  return (
    <section aria-labelledby="holdouts-heading">
      <h2 id="holdouts-heading">Trigger holdouts</h2>
      <LoadState resource={resource}>
        {(report) => (
          <>
            <table>
              <caption>
                Eligible accounts that fired each trigger, shown its prompt or held out of it; expanded =
                upgrade reported within {report.outcomeDays} days of the fire. Intervals are 95 %.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Trigger</th>
                  <th scope="col">Held out</th>
                  <th scope="col">Shown: expanded</th>
                  <th scope="col">Held out: expanded</th>
                  <th scope="col">Incremental expansion rate</th>
                  <th scope="col">Incremental amount per account</th>
                  <th scope="col">Verdict</th>
                  <th scope="col">Not judged yet</th>
                </tr>
              </thead>
              <tbody>
                {report.triggers.length === 0 && (
                  <tr>
                    <td colSpan={8}>
                      No trigger has a holdout. Add <code>"holdout": 0.1</code> to a trigger to measure its
                      lift.
                    </td>
                  </tr>
                )}
                {report.triggers.map((row) => {
                  const lift = liftOf(row.exposed, row.heldOut);
                  const arm = (a: { accounts: number; expanded: number }, rate?: number) =>
                    `${a.expanded} of ${a.accounts}${rate === undefined ? '' : ` (${pct(rate)})`}`;
                  const pending = row.exposed.pending + row.heldOut.pending;
                  const share = row.holdout === null ? 'ended' : pct(row.holdout, 0);
                  if (typeof lift === 'string')
                    return (
                      <tr key={row.triggerId}>
                        <th scope="row">{row.triggerId}</th>
                        <td>{share}</td>
                        <td>{arm(row.exposed)}</td>
                        <td>{arm(row.heldOut)}</td>
                        <td colSpan={3} role="alert">
                          Cannot analyze: {lift}
                        </td>
                        <td>{pending}</td>
                      </tr>
                    );
                  const rate = lift.incrementalRateInterval;
                  const amount = lift.incrementalAmountInterval;
                  return (
                    <tr key={row.triggerId}>
                      <th scope="row">{row.triggerId}</th>
                      <td>{share}</td>
                      <td>{arm(lift.exposed, lift.exposed.rate)}</td>
                      <td>{arm(lift.heldOut, lift.heldOut.rate)}</td>
                      <td>
                        {points(lift.incrementalRate)} ({points(rate.lower)} to {points(rate.upper)})
                      </td>
                      <td>
                        {usd(lift.incrementalAmount)}
                        {Number.isFinite(amount.lower) && ` (${usd(amount.lower)} to ${usd(amount.upper)})`}
                      </td>
                      <td>{VERDICTS[lift.verdict]}</td>
                      <td>{pending}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <DefinitionsList definitions={report.definitions} />
          </>
        )}
      </LoadState>
    </section>
  );
}
