import { useState } from 'preact/hooks';
import { Link } from '../components/link.tsx';
import { recentDocs } from '../data.ts';
import { demoApi } from '../demo-api.ts';
import { useKit } from '../kit.ts';
import { announce$, session$ } from '../state.ts';

/** Document list with "New document" (the documents meter). */
export function DocumentsPage() {
  const kit = useKit();
  const session = session$.value;
  const [busy, setBusy] = useState(false);
  if (!session) return null;
  const total = session.scenario.usage.docs;
  const docs = recentDocs(total);
  const create = async () => {
    setBusy(true);
    try {
      const { docs: count } = await demoApi.createDocument();
      session$.value = {
        ...session,
        scenario: { ...session.scenario, usage: { ...session.scenario.usage, docs: count } },
      };
      kit?.hr.meter('docs').set(count);
      kit?.hr.track('document_created');
      announce$.value = `Document created. ${count} documents.`;
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="docs-title">
      <div class="page-head">
        <h1 id="docs-title">Documents</h1>
        <button type="button" class="btn primary" onClick={create} disabled={busy} data-testid="new-doc">
          New document
        </button>
      </div>
      {kit && <kit.UpgradePrompt surface="inline" />}
      <p class="muted" data-testid="doc-count">
        {total} {total === 1 ? 'document' : 'documents'} in your workspace
      </p>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Owner</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {docs.map((d) => (
            <tr key={d.id}>
              <td>
                <Link href={`/docs/${d.id}`}>{d.title}</Link>
              </td>
              <td>{d.owner}</td>
              <td>{d.updated}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > docs.length && <p class="muted">and {total - docs.length} older documents</p>}
    </section>
  );
}
