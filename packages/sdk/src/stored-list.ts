import { runLocked } from './run-locked.ts';
import type { Platform } from './types.ts';

/** The JSON array stored under `key`: [] when absent, not an array, or corrupt (then `onCorrupt`). */
export async function readList<T>(
  platform: Pick<Platform, 'storage'>,
  key: string,
  onCorrupt?: () => void,
): Promise<T[]> {
  const raw = await platform.storage.get(key);
  let list: unknown = [];
  try {
    list = JSON.parse(raw || '[]');
  } catch {
    onCorrupt?.();
  }
  return Array.isArray(list) ? list : [];
}

/**
 * Read-modify-write of the JSON array stored under `key`, under the cross-tab storage lock
 * (short; other tabs wait), so two tabs writing at once never lose each other's entries.
 * Resolves the list written.
 */
export async function updateList<T>(
  platform: Pick<Platform, 'storage' | 'withLock' | 'setTimeout'>,
  key: string,
  change: (list: T[]) => T[],
  onCorrupt?: () => void,
): Promise<T[]> {
  let next: T[] = [];
  await runLocked(
    platform,
    `hr-store:${key}`,
    async () => {
      next = change(await readList(platform, key, onCorrupt));
      await platform.storage.set(key, JSON.stringify(next));
    },
    true,
  );
  return next;
}
