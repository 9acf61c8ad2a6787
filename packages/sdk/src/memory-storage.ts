import type { PlatformStorage } from './types.ts';

/**
 * Storage that lives as long as the page: the last fallback, and what tests share between
 * SDK instances to simulate reloads and tabs.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createMemoryStorage(): PlatformStorage {
  const map = new Map<string, string>();
  return {
    get: async (key) => map.get(key),
    set: async (key, value) => {
      map.set(key, value);
    },
    remove: async (key) => {
      map.delete(key);
    },
  };
}
