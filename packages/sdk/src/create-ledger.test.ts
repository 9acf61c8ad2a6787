import { describe, expect, it } from 'vitest';
import { T0 } from '../test/harness.ts';
import { createLedger } from './create-ledger.ts';
import { createMemoryStorage } from './memory-storage.ts';
import type { Platform } from './types.ts';

describe('createLedger', () => {
  it('keeps saving after storage refused one write', async () => {
    const storage = createMemoryStorage();
    const set = storage.set;
    let refuse = true;
    storage.set = async (key, value) => {
      if (refuse) throw new Error('QuotaExceededError');
      return set(key, value);
    };
    const platform = {
      now: () => T0,
      storage,
      setTimeout: (fn: () => void) => setTimeout(fn, 0),
    } as unknown as Platform;
    const ledger = createLedger(
      platform,
      Promise.resolve('hr:l:test'),
      () => {},
      () => {},
    );
    ledger.mark('d', 'usage_upgrade');
    await ledger.save();
    expect(await storage.get('hr:l:test')).toBeUndefined();

    refuse = false;
    ledger.mark('d', 'seat_upgrade');
    await ledger.save();
    expect(JSON.parse((await storage.get('hr:l:test')) ?? '[]')).toEqual([
      [T0, 'd', 'usage_upgrade'],
      [T0, 'd', 'seat_upgrade'],
    ]);
  });
});
