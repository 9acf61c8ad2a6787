import { inTriggerHoldout } from '@headroom/core';
import { expect, it } from 'vitest';
import { demoAccountId } from '../server/demo-account-id.ts';

it('a demo account is never held out of a trigger, so every preset shows its prompt', () => {
  const triggers = [
    { id: 'collaboration_surge', holdout: 0.5 },
    { id: 'usage_ceiling', holdout: 0.3 },
    { id: 'seat_saturation' },
  ];
  const ids = Array.from({ length: 200 }, () => demoAccountId(triggers));
  for (const id of ids) {
    expect(id).toMatch(/^acct_[0-9a-f]{12}$/);
    for (const trigger of triggers)
      expect(inTriggerHoldout(trigger, id), `${id} in ${trigger.id}`).toBe(false);
  }
  expect(new Set(ids).size).toBe(ids.length);
});
