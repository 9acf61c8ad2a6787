import type { Platform } from './types.ts';

/**
 * Runs `fn` under a cross-tab lock. `wait` retries until the lock is free (short storage
 * updates); without it a busy lock resolves `false` at once (another tab is sending).
 * Without a lock implementation (one tab, SSR, tests) `fn` simply runs.
 */
export async function runLocked(
  platform: Pick<Platform, 'withLock' | 'setTimeout'>,
  name: string,
  fn: () => Promise<void>,
  wait = false,
): Promise<boolean> {
  const lock = platform.withLock;
  if (!lock) return fn().then(() => true);
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    if (await lock(name, fn)) return true;
    if (!wait) return false;
    await new Promise<void>((resolve) => platform.setTimeout(resolve, delay));
  }
}
