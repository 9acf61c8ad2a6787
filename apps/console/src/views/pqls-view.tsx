import type { AdminClient } from '../admin-client.ts';
import { dateTime, usd } from '../format.ts';
import { useResource } from '../use-resource.ts';
import { LoadState } from './load-state.tsx';

const REASON_LABELS: Record<string, string> = {
  churn_risk: 'churn risk',
  low_health: 'health below the segment minimum',
  low_active_users: 'too few active users for its seats',
  activation_too_recent: 'activated too recently',
  not_activated: 'not activated',
  health_unknown: 'health not reported',
  active_users_unknown: 'active users not reported',
  segment_unknown: 'segment not known',
};

/**
 * Product-qualified accounts as the edge evaluated them (active triggers, signal count,
 * potential expansion ACV), then the accounts whose triggers fire but that nobody may pitch,
 * with why.
 */
export function PqlsView({ client }: { client: AdminClient }) {
  const resource = useResource(() => client.pqls(), 'pqls');
  return (
    <section aria-labelledby="pqls-heading">
      <h2 id="pqls-heading">Product-qualified accounts</h2>
      <LoadState resource={resource}>
        {({ accounts, suppressed }) => {
          const sorted = [...accounts].sort(
            (a, b) =>
              (b.potentialExpansionAcv ?? -1) - (a.potentialExpansionAcv ?? -1) || b.signals - a.signals,
          );
          return (
            <>
              <table>
                <caption>Accounts with active triggers, largest potential expansion first</caption>
                <thead>
                  <tr>
                    <th scope="col">Account</th>
                    <th scope="col">Plan</th>
                    <th scope="col">Segment</th>
                    <th scope="col">Active triggers</th>
                    <th scope="col">Signals</th>
                    <th scope="col">Potential expansion ACV</th>
                    <th scope="col">PQL since</th>
                  </tr>
                </thead>
                <tbody>
                  {sorted.length === 0 && (
                    <tr>
                      <td colSpan={7}>No product-qualified accounts yet.</td>
                    </tr>
                  )}
                  {sorted.map((a) => (
                    <tr key={a.accountId}>
                      <th scope="row">{a.accountId}</th>
                      <td>{a.plan ?? '—'}</td>
                      <td>{a.segment ?? '—'}</td>
                      <td>
                        {a.activeTriggers.map((id, i) => (
                          <span key={id} title={a.reasons[id]}>
                            {i > 0 && ', '}
                            {id}
                          </span>
                        ))}
                      </td>
                      <td>
                        {a.signals}
                        {a.reachesHuman ? '' : ' (in-product only)'}
                      </td>
                      <td>{a.potentialExpansionAcv === null ? '—' : usd(a.potentialExpansionAcv)}</td>
                      <td>{a.firstPqlAt === null ? '—' : dateTime(a.firstPqlAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <h3 id="suppressed-heading">Suppressed: signals, but not ready to pitch</h3>
              <table aria-labelledby="suppressed-heading">
                <thead>
                  <tr>
                    <th scope="col">Account</th>
                    <th scope="col">Plan</th>
                    <th scope="col">Segment</th>
                    <th scope="col">Active triggers</th>
                    <th scope="col">Suppressed because</th>
                  </tr>
                </thead>
                <tbody>
                  {suppressed.length === 0 && (
                    <tr>
                      <td colSpan={5}>No suppressed accounts.</td>
                    </tr>
                  )}
                  {suppressed.map((a) => (
                    <tr key={a.accountId}>
                      <th scope="row">{a.accountId}</th>
                      <td>{a.plan ?? '—'}</td>
                      <td>{a.segment ?? '—'}</td>
                      <td>{a.activeTriggers.join(', ')}</td>
                      <td>{a.suppressedBecause.map((r) => REASON_LABELS[r] ?? r).join('; ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          );
        }}
      </LoadState>
    </section>
  );
}
