import type { AdminConfig } from '@headroom/insights';
import { dateTime } from '../format.ts';

/** Published versions, newest first (when, who, why), each but the live one with a one-click rollback. */
export function ConfigHistory({
  data,
  busy,
  onRollback,
}: {
  data: AdminConfig;
  busy: boolean;
  onRollback: (version: number) => void;
}) {
  const versions = [...data.versions].sort((a, b) => b.version - a.version);
  return (
    <table>
      <caption>Version history</caption>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Published</th>
          <th scope="col">By</th>
          <th scope="col">Message</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr key={v.version}>
            <th scope="row">v{v.version}</th>
            <td>{dateTime(v.publishedAt)}</td>
            <td>{v.publishedBy ?? '—'}</td>
            <td>{v.note ?? '—'}</td>
            <td>
              {v.version === data.current?.version ? (
                <span class="status status-delivered">live</span>
              ) : (
                <button type="button" disabled={busy} onClick={() => onRollback(v.version)}>
                  Roll back to v{v.version}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
