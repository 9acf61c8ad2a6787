import { createMemoryStorage } from './memory-storage.ts';
import type { PlatformStorage } from './types.ts';

/**
 * IndexedDB key-value storage, falling back to localStorage, then to memory, when the
 * browser refuses (private mode, blocked storage, SSR). Opens nothing until first use.
 */
/* @__NO_SIDE_EFFECTS__ */
export function browserStorage(): PlatformStorage {
  let chosen: Promise<PlatformStorage> | undefined;
  const pick = () => (chosen ??= openIndexedDb().catch(localStorageOr));
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

/**
 * IndexedDB-backed storage (object store `kv` of database `headroom`, version 1); rejects when
 * IndexedDB is missing or blocked.
 */
export async function openIndexedDb(factory: IDBFactory = globalThis.indexedDB): Promise<PlatformStorage> {
  const open = factory.open('headroom', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('kv');
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  // One transaction per call (read-only unless `mode` says otherwise); it resolves once the
  // write is durable (oncomplete).
  const run = <T>(op: (store: IDBObjectStore) => IDBRequest, mode?: IDBTransactionMode) =>
    new Promise<T>((resolve, reject) => {
      const tx = db.transaction('kv', mode);
      const request = op(tx.objectStore('kv'));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  return {
    get: async (key) => {
      const value = await run((s) => s.get(key));
      return typeof value === 'string' ? value : undefined;
    },
    // These resolve with the request's result (the key, or undefined), which callers ignore.
    set: (key, value) => run((s) => s.put(value, key), 'readwrite'),
    remove: (key) => run((s) => s.delete(key), 'readwrite'),
  };
}
