import type { AdminClient } from '../admin-client.ts';
import { dateTime, usd } from '../format.ts';
import { useResource } from '../use-resource.ts';
import { LoadState } from './load-state.tsx';

/** Product-qualified accounts: active triggers, signal count and potential expansion ACV. */
export function PqlsView({ client }: { client: AdminClient }) {
  const resource = useResource(() => client.pqls(), 'pqls');
  return (
    <section aria-labelledby="pqls-heading">
      <h2 id="pqls-heading">Product-qualified accounts</h2>
      <LoadState resource={resource}>
        {({ accounts }) => {
          const sorted = [...accounts].sort(
            (a, b) =>
              (b.potentialExpansionAcv ?? -1) - (a.potentialExpansionAcv ?? -1) || b.signals - a.signals,
          );
          return (
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
                    <td>{a.plan}</td>
                    <td>{a.segment}</td>
                    <td>{a.activeTriggers.join(', ') || '—'}</td>
                    <td>{a.signals}</td>
                    <td>{a.potentialExpansionAcv === null ? '—' : usd(a.potentialExpansionAcv)}</td>
                    <td>{a.firstPqlAt === null ? '—' : dateTime(a.firstPqlAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </LoadState>
    </section>
  );
}
