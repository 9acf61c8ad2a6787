import { inTriggerHoldout } from '@headroom/core';
import { shortId } from './session-store.ts';

/**
 * A fresh demo account id that no trigger holds out: a held-out account is never shown the
 * trigger's prompt (by design), and a demo preset must show the play it is named after. The
 * holdouts themselves are shown on the seeded history in the console.
 */
export function demoAccountId(triggers: ReadonlyArray<{ id: string; holdout?: number | undefined }>): string {
  for (;;) {
    const accountId = `acct_${shortId()}`;
    if (!triggers.some((trigger) => inTriggerHoldout(trigger, accountId))) return accountId;
  }
}
