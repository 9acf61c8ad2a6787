import { hashUnit } from './hash.ts';

/**
 * Whether an account is in a trigger's holdout: evaluated and logged like every account, but
 * never shown the trigger's prompt, so expansions with and without it can be compared.
 *
 * `hashUnit(account|holdout|trigger) < holdout`: the account leads the input (as in assignment
 * version 2), so two triggers never hold out the same accounts by a hash collision; the
 * trigger id keeps holdouts of different triggers independent of each other and of every
 * experiment. Raising the share only adds accounts. No account id, no holdout.
 */
export function inTriggerHoldout(
  trigger: { id: string; holdout?: number | undefined },
  accountId: string | undefined,
): boolean {
  // No share: a comparison with undefined is false.
  return (
    accountId !== undefined && hashUnit(`${accountId}|holdout|${trigger.id}`) < (trigger.holdout as number)
  );
}
