import { createMemoryStorage } from './memory-storage.ts';
import type { PlatformStorage } from './types.ts';

const DB = 'headroom';
const STORE = 'kv';

/**
 * IndexedDB key-value storage, falling back to localStorage, then to memory, when the
 * browser refuses (private mode, blocked storage, SSR). Opens nothing until first use.
 */
/* @__NO_SIDE_EFFECTS__ */
export function browserStorage(): PlatformStorage {
  let chosen: Promise<PlatformStorage> | undefined;
  const pick = () => {
    chosen ??= openIndexedDb().catch(() => localStorageOr());
    return chosen;
  };
  return {
    get: async (key) => (await pick()).get(key),
    set: async (key, value) => (await pick()).set(key, value),
    remove: async (key) => (await pick()).remove(key),
  };
}

function localStorageOr(): PlatformStorage {
  try {
    const ls = globalThis.localStorage;
    const probe = '__headroom';
    ls.setItem(probe, probe);
    ls.removeItem(probe);
    return {
      get: async (key) => ls.getItem(key) ?? undefined,
      set: async (key, value) => ls.setItem(key, value),
      remove: async (key) => ls.removeItem(key),
    };
  } catch {
    return createMemoryStorage();
  }
}

const done = <T>(request: IDBRequest<T> | IDBTransaction, value: () => T) =>
  new Promise<T>((resolve, reject) => {
    if ('objectStore' in request) request.oncomplete = () => resolve(value());
    else request.onsuccess = () => resolve(value());
    request.onerror = () => reject(request.error);
  });

/** IndexedDB-backed storage; rejects when IndexedDB is missing or blocked. */
export async function openIndexedDb(factory: IDBFactory = globalThis.indexedDB): Promise<PlatformStorage> {
  const open = factory.open(DB, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  const db = await done(open, () => open.result);
  const store = (mode: IDBTransactionMode) => db.transaction(STORE, mode).objectStore(STORE);
  return {
    async get(key) {
      const request = store('readonly').get(key);
      const value = await done(request, () => request.result as unknown);
      return typeof value === 'string' ? value : undefined;
    },
    async set(key, value) {
      const s = store('readwrite');
      s.put(value, key);
      await done(s.transaction, () => undefined);
    },
    async remove(key) {
      const s = store('readwrite');
      s.delete(key);
      await done(s.transaction, () => undefined);
    },
  };
}
