/** @jsxRuntime classic */
/** @jsx h */
import { useHeadroom } from './headroom-context.ts';
import { interpolate } from './interpolate.ts';
// biome-ignore lint/correctness/noUnusedImports: `h` is this file's JSX factory (classic runtime, see peers.ts)
import { h, useId, useState } from './peers.ts';
import { useShown } from './use-shown.ts';
import { useStore } from './use-store.ts';
import { withBoundary } from './widget-boundary.tsx';
import { WidgetRoot } from './widget-root.tsx';

/** Sends the invite in the host app; may return (or resolve to) the host's invite id string. */
export type InviteHandler = (invite: { email: string; context: string }) => unknown;

export interface InviteNudgeProps {
  /** Where the nudge sits, e.g. `share`; frequency caps are kept per context. */
  context: string;
  /** What the teammate would review, e.g. the document title. */
  subject: string;
  /** Sends the invite; the widget records `invite_sent` once it succeeds (at once when absent). */
  onInvite?: InviteHandler | undefined;
}

// Deliberately simple: one "@", a dot in the domain, no spaces. The host validates for real.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

// The form's state: editing (''), sending, or the key of the message shown under the field.
type Phase = '' | 'sending' | 'inviteInvalid' | 'inviteFailed';

function InviteNudgeView({ context, subject, onInvite }: InviteNudgeProps) {
  const { client, messages: m } = useHeadroom();
  // Subscribed so the cap is asked again once the config has loaded (false before that).
  useStore(client.config.$);
  useStore(client.status.$);
  // Once on screen it stays until dismissed: recording it as shown closes the cap.
  const [shown, setShown] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const visible = dismissed !== context && (shown === context || client.invites.canNudge(context));
  const [email, setEmail] = useState('');
  const [phase, setPhase] = useState<Phase>('');
  // The address the invite went to, once it has been sent.
  const [sentTo, setSentTo] = useState<string | null>(null);
  const titleId = useId();
  const inputId = useId();
  const errorId = useId();
  useShown(
    () => {
      if (!visible || shown === context) return;
      setShown(context);
      client.invites.nudgeShown(context);
    },
    visible ? context : '',
  );
  if (!visible) return null;
  const submit = (event: Event) => {
    event.preventDefault();
    const value = email.trim();
    if (!EMAIL.test(value) || value.length > 254) {
      setPhase('inviteInvalid');
      return;
    }
    setPhase('sending');
    Promise.resolve()
      .then(() => onInvite?.({ email: value, context }))
      .then(
        (inviteId) => {
          client.invites.sent({
            // The SDK needs a unique id; the host's own id is better when it gives one.
            inviteId: typeof inviteId === 'string' && inviteId ? inviteId : crypto.randomUUID(),
            channel: 'email',
          });
          setSentTo(value);
        },
        () => setPhase('inviteFailed'),
      );
  };
  const dismiss = () => {
    client.invites.nudgeDismissed(context);
    setDismissed(context);
  };
  const error = phase === 'sending' ? '' : phase;
  return (
    <WidgetRoot>
      <section part="card" aria-labelledby={titleId}>
        <div class="hr-text">
          <h2 id={titleId} part="title">
            {interpolate(m.inviteTitle, { subject })}
          </h2>
          {sentTo !== null ? (
            <p role="status" part="body">
              {interpolate(m.inviteSent, { email: sentTo })}
            </p>
          ) : (
            <form onSubmit={submit} noValidate>
              <p part="body">{m.inviteBody}</p>
              <label for={inputId}>{m.inviteLabel}</label>
              <div class="hr-row">
                <input
                  id={inputId}
                  part="input"
                  type="email"
                  autoComplete="email"
                  required
                  value={email}
                  aria-invalid={error === 'inviteInvalid'}
                  aria-describedby={error ? errorId : undefined}
                  onInput={(e) => setEmail(e.currentTarget.value)}
                />
                <button type="submit" part="cta" disabled={phase === 'sending'}>
                  {m.inviteSend}
                </button>
              </div>
              {error ? (
                <p id={errorId} role="alert">
                  {m[error]}
                </p>
              ) : null}
            </form>
          )}
        </div>
        {sentTo === null && (
          <div class="hr-row">
            <button type="button" part="dismiss" onClick={dismiss}>
              {m.notNow}
            </button>
          </div>
        )}
      </section>
    </WidgetRoot>
  );
}

/**
 * "Invite a teammate to review {subject}": an email form shown when the SDK's frequency cap
 * allows it; `onInvite` sends the invite, the widget records `invite_sent`.
 * @example <InviteNudge context="share" subject="Q3 plan" onInvite={({ email }) => api.invite(email)} />
 */
export const InviteNudge = withBoundary('InviteNudge', InviteNudgeView);
