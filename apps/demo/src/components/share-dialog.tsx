import { useEffect, useRef, useState } from 'preact/hooks';
import { demoApi } from '../demo-api.ts';
import { useKit } from '../kit.ts';
import { announce$ } from '../state.ts';

/** Share a document: the invite nudge (frequency-capped by Headroom) and a copyable link. */
export function ShareDialog(props: { title: string; onClose: () => void }) {
  const kit = useKit();
  const ref = useRef<HTMLDialogElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const invite = async ({ email }: { email: string }) => {
    const { inviteId } = await demoApi.invite(email);
    announce$.value = `Invitation sent to ${email}.`;
    return inviteId;
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <dialog ref={ref} class="dialog" aria-labelledby="share-title" onClose={props.onClose}>
      <div class="dialog-body">
        <h2 id="share-title">Share “{props.title}”</h2>
        {kit && <kit.InviteNudge context="share" subject={props.title} onInvite={invite} />}
        <p class="muted">Anyone in your workspace with the link can view this document.</p>
        <div class="row">
          <button type="button" class="btn" onClick={copy}>
            {copied ? 'Link copied' : 'Copy link'}
          </button>
          <button type="button" class="btn primary" onClick={() => ref.current?.close()}>
            Done
          </button>
        </div>
      </div>
    </dialog>
  );
}
