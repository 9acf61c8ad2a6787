import type { PlatformStorage } from './types.ts';

/**
 * IndexedDB key-value storage (object store `kv` of database `headroom`, version 1); every
 * browser has it, private modes included. Opens the database at first use; where it is
 * missing or blocked (SSR, a sandboxed iframe) or refuses a write (quota), each call rejects,
 * and `withFallbacks`, which `createHeadroom` puts around every platform, keeps the key in
 * memory.
 */
/* @__NO_SIDE_EFFECTS__ */
export function browserStorage(factory?: IDBFactory): PlatformStorage {
  let opened: Promise<IDBDatabase> | undefined;
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = (factory ?? globalThis.indexedDB).open('headroom', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('kv');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  // One transaction per call (read-only unless `mode` says otherwise); it resolves once the
  // write is durable (oncomplete).
  const run = async <T>(op: (store: IDBObjectStore) => IDBRequest, mode?: IDBTransactionMode) => {
    opened ??= open();
    const db = await opened;
    return new Promise<T>((resolve, reject) => {
      const tx = db.transaction('kv', mode);
      const request = op(tx.objectStore('kv'));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  };
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
