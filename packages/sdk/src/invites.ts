import { DAY_MS } from '@headroom/core';
import type { ClientContext } from './client-context.ts';
import { isName } from './is-valid.ts';
import { INVITE_SENT, NUDGE_DISMISSED, NUDGE_SHOWN } from './ledger-kinds.ts';
import { dismissedOut, shownThisWeek } from './select-prompts.ts';
import type { Headroom } from './types.ts';

/**
 * Invites sent and accepted, and the invite nudge's frequency cap: at most once a day per
 * context, snoozed and retired by dismissals like a prompt, and counted against the weekly
 * prompt cap.
 */
export function createInvites(client: ClientContext): Headroom['invites'] {
  const { ledger, guard, drop, emit, named, clock } = client;
  return {
    sent: guard((invite: { inviteId: string; channel?: string | undefined }) => {
      if (!isName(invite?.inviteId)) return drop('invites.sent');
      ledger.mark(INVITE_SENT, invite.inviteId);
      emit('invite_sent', {
        inviteId: invite.inviteId,
        channel: isName(invite.channel) ? invite.channel : undefined,
      });
    }),
    accepted: guard((invite: { inviteId: string }) => {
      if (!isName(invite?.inviteId)) return drop('invites.accepted');
      emit('invite_accepted', { inviteId: invite.inviteId });
    }),
    canNudge: guard((context: string) => {
      const config = client.$config.get();
      const now = clock();
      return (
        isName(context) &&
        !!config &&
        !client.stopped() &&
        !ledger.countOf(NUDGE_SHOWN, context, now - DAY_MS) &&
        !dismissedOut(config, ledger, NUDGE_DISMISSED, context, now) &&
        shownThisWeek(ledger, now) < config.fatigue.maxPromptsPerWeek
      );
    }, false),
    nudgeShown: named('invites.nudgeShown', (context) => ledger.once(NUDGE_SHOWN, context, clock() - DAY_MS)),
    nudgeDismissed: named('invites.nudgeDismissed', (context) => ledger.mark(NUDGE_DISMISSED, context)),
  };
}
