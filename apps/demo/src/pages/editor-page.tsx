import { useState } from 'preact/hooks';
import { ShareDialog } from '../components/share-dialog.tsx';
import { recentDocs } from '../data.ts';
import { demoApi } from '../demo-api.ts';
import { useKit } from '../kit.ts';
import { announce$, session$ } from '../state.ts';

/** A document editor with sharing (invite nudge), API sync and a gated automation. */
export function EditorPage(props: { docId: string }) {
  const kit = useKit();
  const session = session$.value;
  const [sharing, setSharing] = useState(false);
  const [showAutomations, setShowAutomations] = useState(false);
  if (!session) return null;
  const doc = recentDocs(session.scenario.usage.docs, 1_000).find((d) => d.id === props.docId);
  const title = doc?.title ?? 'Untitled';
  const sync = async () => {
    const { api_calls } = await demoApi.callApi(250);
    session$.value = {
      ...session,
      scenario: { ...session.scenario, usage: { ...session.scenario.usage, api_calls } },
    };
    kit?.hr.meter('api_calls').set(api_calls);
    announce$.value = `Synced. ${api_calls} API calls this month.`;
  };
  const exportMarkdown = () => {
    // Client-only work: the event is queued even offline and delivered when the network returns.
    const body = (document.getElementById('doc-body') as HTMLTextAreaElement | null)?.value ?? '';
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([body], { type: 'text/markdown' }));
    link.download = `${title}.md`;
    link.click();
    URL.revokeObjectURL(link.href);
    kit?.hr.track('document_exported', { format: 'markdown' });
    announce$.value = 'Exported as Markdown.';
  };
  return (
    <section aria-labelledby="editor-title" class="editor">
      <div class="page-head">
        <h1 id="editor-title">{title}</h1>
        <div class="row">
          <button type="button" class="btn" onClick={exportMarkdown} data-testid="export">
            Export .md
          </button>
          <button type="button" class="btn" onClick={sync} data-testid="sync-api">
            Sync to CRM (250 API calls)
          </button>
          <button
            type="button"
            class="btn"
            onClick={() => setShowAutomations(!showAutomations)}
            aria-expanded={showAutomations}
          >
            Automations
          </button>
          <button type="button" class="btn primary" onClick={() => setSharing(true)} data-testid="share">
            Share
          </button>
        </div>
      </div>
      {showAutomations &&
        (kit ? (
          <kit.GateWall feature="automations" label="Automations">
            <p>Run "Notify reviewers" when this document changes.</p>
          </kit.GateWall>
        ) : (
          <p class="muted">Automations are available on Business.</p>
        ))}
      <label for="doc-body" class="sr-only">
        Document text
      </label>
      <textarea id="doc-body" class="doc-body" rows={16}>
        {`# ${title}\n\nStart writing…`}
      </textarea>
      {sharing && <ShareDialog title={title} onClose={() => setSharing(false)} />}
    </section>
  );
}
