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

describe('the ledger journal (a navigation right after a mark)', () => {
  const journalOver = (items: Map<string, string>) => () => ({
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  });
  // Timers never fire and writes never finish: the page is gone before either would.
  const unloading = (journal: Platform['journal']) =>
    ({
      now: () => T0,
      storage: { get: async () => undefined, set: () => new Promise(() => {}), remove: async () => {} },
      setTimeout: () => 0,
      journal,
    }) as unknown as Platform;
  const next = (journal: Platform['journal'], storage = createMemoryStorage()) =>
    ({
      now: () => T0 + 1000,
      storage,
      setTimeout: (fn: () => void) => setTimeout(fn, 0),
      journal,
    }) as unknown as Platform;
  const key = Promise.resolve('hr:l:test');

  it('keeps a mark whose write never finished, and moves it to storage on the next page', async () => {
    const items = new Map<string, string>();
    const leaving = createLedger(
      unloading(journalOver(items)),
      key,
      () => {},
      () => {},
    );
    await leaving.load();
    leaving.mark('d', 'usage_upgrade');
    void leaving.save();
    leaving.stash();

    const storage = createMemoryStorage();
    const arriving = createLedger(
      next(journalOver(items), storage),
      key,
      () => {},
      () => {},
    );
    await arriving.load();
    expect(arriving.countOf('d', 'usage_upgrade')).toBe(1);
    await arriving.save();
    expect(JSON.parse((await storage.get('hr:l:test')) ?? '[]')).toEqual([[T0, 'd', 'usage_upgrade']]);
    expect(items.size).toBe(0);
  });

  it('a corrupt or throwing journal costs nothing but itself', async () => {
    const items = new Map([['hr:l:test:journal', '{not json']]);
    const corrupt = createLedger(
      next(journalOver(items)),
      key,
      () => {},
      () => {},
    );
    await corrupt.load();
    corrupt.mark('d', 'seat_upgrade');
    await corrupt.save();
    expect(corrupt.countOf('d')).toBe(1);
    expect(items.size).toBe(0);

    const throwing = createLedger(
      next(() => {
        throw new DOMException('The document is sandboxed', 'SecurityError');
      }),
      key,
      () => {},
      () => {},
    );
    await throwing.load();
    throwing.mark('d', 'seat_upgrade');
    expect(() => throwing.stash()).not.toThrow();
    await throwing.save();
    expect(throwing.countOf('d')).toBe(1);
  });
});
