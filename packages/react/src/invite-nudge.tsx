import type { InviteNudgeProps } from '@headroom/widgets';
import type { InviteEventDetail } from '@headroom/widgets/elements';
import { createElement, useEffect, useRef } from 'react';
import { useWidgetElement } from './use-widget-element.ts';

export type { InviteNudgeProps };

/**
 * "Invite a teammate to review {subject}" when the SDK's frequency cap allows; records
 * `invite_sent` once `onInvite` resolves (at once without it).
 * @example <InviteNudge context="share" subject={doc.title} onInvite={({ email }) => api.invite(email)} />
 */
export function InviteNudge({ context, subject, onInvite }: InviteNudgeProps) {
  const [ref, attributes] = useWidgetElement();
  const handler = useRef(onInvite);
  handler.current = onInvite;
  const listening = onInvite !== undefined;
  useEffect(() => {
    const element = ref.current;
    if (!element || !listening) return;
    const onEvent = (event: Event) => {
      const detail = (event as CustomEvent<InviteEventDetail>).detail;
      const invite = handler.current;
      if (invite) detail.waitUntil(Promise.resolve(invite({ email: detail.email, context: detail.context })));
    };
    element.addEventListener('headroom-invite', onEvent);
    return () => element.removeEventListener('headroom-invite', onEvent);
  }, [ref, listening]);
  return createElement('headroom-invite-nudge', { ref, ...attributes, context, subject });
}
