import type { AdminClient } from '../admin-client.ts';
import { dateTime, pct } from '../format.ts';
import { useResource } from '../use-resource.ts';
import { LoadState } from './load-state.tsx';

const ROUTES = [
  ['self_serve', 'Self-serve'],
  ['self_serve_with_assist', 'Self-serve with assist'],
  ['cs_assist', 'Customer success'],
] as const;

/** How upgrades were routed, and the delivery state of every CS handoff. */
export function RoutesView({ client }: { client: AdminClient }) {
  const funnel = useResource(() => client.funnel(90), 'routes');
  const handoffs = useResource(() => client.handoffs(), 'handoffs');
  return (
    <section aria-labelledby="routes-heading">
      <h2 id="routes-heading">Routes and handoffs</h2>
      <LoadState resource={funnel}>
        {({ routes, since }) => {
          const total = routes.self_serve + routes.self_serve_with_assist + routes.cs_assist;
          return (
            <table>
              <caption>Route split, last 90 days (since {since.slice(0, 10)})</caption>
              <thead>
                <tr>
                  <th scope="col">Route</th>
                  <th scope="col">Accounts</th>
                  <th scope="col">Share</th>
                </tr>
              </thead>
              <tbody>
                {ROUTES.map(([key, label]) => (
                  <tr key={key}>
                    <th scope="row">{label}</th>
                    <td>{routes[key]}</td>
                    <td>{total > 0 ? pct(routes[key] / total) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </LoadState>
      <h3>Handoffs</h3>
      <LoadState resource={handoffs}>
        {({ handoffs }) => {
          const list = [...handoffs].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
          const count = (status: string) => list.filter((h) => h.status === status).length;
          return (
            <>
              <p>
                {count('delivered')} delivered · {count('pending')} pending · {count('failed')} failed
              </p>
              <table>
                <caption>CS handoffs, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Handoff</th>
                    <th scope="col">Account</th>
                    <th scope="col">Status</th>
                    <th scope="col">Attempts</th>
                    <th scope="col">Created</th>
                    <th scope="col">Delivered</th>
                    <th scope="col">Last error</th>
                  </tr>
                </thead>
                <tbody>
                  {list.length === 0 && (
                    <tr>
                      <td colSpan={7}>No handoffs yet.</td>
                    </tr>
                  )}
                  {list.map((h) => (
                    <tr key={h.id}>
                      <th scope="row">
                        <code>{h.id}</code>
                      </th>
                      <td>{h.accountId}</td>
                      <td>
                        <span class={`status status-${h.status}`}>{h.status}</span>
                      </td>
                      <td>{h.attempts}</td>
                      <td>{dateTime(h.createdAt)}</td>
                      <td>{h.deliveredAt === null ? '—' : dateTime(h.deliveredAt)}</td>
                      <td>{h.lastError ?? '—'}</td>
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
