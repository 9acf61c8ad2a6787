import { createMemoryStorage } from './memory-storage.ts';
import type { Platform, PlatformStorage } from './types.ts';

/**
 * The platform with storage and locks that cannot stop delivery. A key whose write storage
 * refuses (quota, blocked IndexedDB, a sandboxed iframe) lives in memory from then on, so its
 * events are still queued and sent while the page lives; a lock that throws (Web Locks in a
 * sandboxed iframe) is given up for a lock-free path (the edge dedupes a double send).
 * `degrade` hears once of each kind of fallback.
 */
export function withFallbacks(
  platform: Platform,
  degrade: (what: 'storage' | 'locks', error: unknown) => void,
): Platform {
  const { storage, withLock } = platform;
  const memory = createMemoryStorage();
  const inMemory = new Set<string>();
  let lockFree = !withLock;
  // Runs `op` on the key's storage; a refusal moves the key to memory and runs it there.
  const use = async <T>(key: string, op: (s: PlatformStorage) => Promise<T>): Promise<T> => {
    if (!inMemory.has(key))
      try {
        return await op(storage);
      } catch (error) {
        if (!inMemory.size) degrade('storage', error);
        inMemory.add(key);
      }
    return op(memory);
  };
  return {
    ...platform,
    storage: {
      get: (key) => use(key, (s) => s.get(key)),
      set: (key, value) => use(key, (s) => s.set(key, value)),
      remove: (key) => use(key, (s) => s.remove(key)),
    },
    withLock: async (name, fn) => {
      // Only the lock's own failure counts: an error from `fn` is the caller's to handle.
      let ran = false;
      if (!lockFree)
        try {
          return await withLock!(name, () => {
            ran = true;
            return fn();
          });
        } catch (error) {
          if (ran) throw error;
          lockFree = true;
          degrade('locks', error);
        }
      await fn();
      return true;
    },
  };
}
