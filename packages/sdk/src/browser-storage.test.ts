import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserPlatform } from './browser-platform.ts';
import { browserStorage } from './browser-storage.ts';
import { leaseLock } from './lease-lock.ts';
import { createMemoryStorage } from './memory-storage.ts';
import { withFallbacks } from './with-fallbacks.ts';

describe('IndexedDB storage', () => {
  it('stores, reads back across connections and removes', async () => {
    const factory = new IDBFactory();
    const a = browserStorage(factory);
    await a.set('k', 'v');
    const b = browserStorage(factory);
    expect(await b.get('k')).toBe('v');
    await b.remove('k');
    expect(await a.get('k')).toBeUndefined();
  });

  it('falls back to memory (through withFallbacks) when neither IndexedDB nor localStorage exists', async () => {
    const degraded: string[] = [];
    const { storage } = withFallbacks({ ...browserPlatform(), storage: browserStorage() }, (what) =>
      degraded.push(what),
    );
    await storage.set('k', 'v');
    expect(await storage.get('k')).toBe('v');
    expect(degraded).toEqual(['storage']);
  });
});

describe('storage lease lock', () => {
  it('lets one of two racing tabs in and the other out', async () => {
    const storage = createMemoryStorage();
    const order: string[] = [];
    const work = (tab: string) => async () => {
      order.push(`${tab}:in`);
      await new Promise((r) => setTimeout(r, 20));
      order.push(`${tab}:out`);
    };
    const [a, b] = await Promise.all([
      leaseLock(storage, 'a', 'send', work('a')),
      leaseLock(storage, 'b', 'send', work('b')),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(order).toHaveLength(2);
    expect(await leaseLock(storage, 'b', 'send', work('b'))).toBe(true);
  });

  it('is kept out by a live lease, takes over one its owner never released once it expires', async () => {
    const storage = createMemoryStorage();
    await storage.set('hr-lease:send', `${Date.now() + 60_000} live tab`);
    expect(await leaseLock(storage, 'b', 'send', async () => {})).toBe(false);
    await storage.set('hr-lease:send', `${Date.now() - 1} dead tab`);
    expect(await leaseLock(storage, 'b', 'send', async () => {})).toBe(true);
    await storage.set('hr-lease:send', JSON.stringify({ owner: 'old', until: Date.now() + 60_000 }));
    expect(await leaseLock(storage, 'b', 'send', async () => {})).toBe(true);
  });
});

describe('storage lease lock, failing work', () => {
  it("rejects with the work's error and removes the lease", async () => {
    const storage = createMemoryStorage();
    await expect(leaseLock(storage, 'a', 'send', () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(await storage.get('hr-lease:send')).toBeUndefined();
  });
});

describe('Web Locks', () => {
  afterEach(() => vi.unstubAllGlobals());

  // navigator.locks with ifAvailable: the callback gets null when the lock is held elsewhere;
  // request() settles with what the callback's promise settles with.
  const stubLocks = (held: Set<string>) =>
    vi.stubGlobal('navigator', {
      locks: {
        request: async (name: string, _options: unknown, callback: (lock: unknown) => unknown) => {
          if (held.has(name)) return callback(null);
          held.add(name);
          try {
            return await callback({ name });
          } finally {
            held.delete(name);
          }
        },
      },
    });

  it('runs the work and resolves true when free, false without running it when held', async () => {
    const held = new Set<string>();
    stubLocks(held);
    const { withLock } = browserPlatform();
    let runs = 0;
    expect(await withLock?.('send', async () => void runs++)).toBe(true);
    held.add('send');
    expect(await withLock?.('send', async () => void runs++)).toBe(false);
    expect(runs).toBe(1);
  });

  it("rejects with the work's error and releases the lock", async () => {
    const held = new Set<string>();
    stubLocks(held);
    const { withLock } = browserPlatform();
    await expect(withLock?.('send', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(held.size).toBe(0);
  });
});
