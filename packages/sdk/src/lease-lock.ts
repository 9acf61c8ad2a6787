import { browserStorage } from './browser-storage.ts';
import type { Platform, PlatformStorage } from './types.ts';

/**
 * A lock for browsers without Web Locks: a lease `"<until> <owner>"` in storage, written then
 * read back after a tick so the later of two racing writers wins. Anything else stored under
 * the key (an expired lease, an older format, garbage) is no lease.
 */
export async function leaseLock(
  storage: PlatformStorage,
  owner: string,
  name: string,
  fn: () => Promise<void>,
  now: () => number = Date.now,
): Promise<boolean> {
  const key = `hr-lease:${name}`;
  // The owner of the live lease, or undefined.
  const held = async () => {
    const [until, ...who] = String(await storage.get(key)).split(' ');
    return Number(until) > now() ? who.join(' ') : undefined;
  };
  const other = await held();
  if (other !== undefined && other !== owner) return false;
  // A lease lasts 10 s: a tab that died holding it blocks the others no longer than that.
  await storage.set(key, `${now() + 10_000} ${owner}`);
  await new Promise((resolve) => setTimeout(resolve, 15));
  if ((await held()) !== owner) return false;
  await fn().finally(() => storage.remove(key));
  return true;
}

/**
 * A cross-tab lock for browsers without Web Locks, as a platform override: pass it as
 * `createHeadroom({ platform: leaseLocks() })`. Optional, so browsers that have Web Locks
 * do not download it.
 */
export function leaseLocks(storage: PlatformStorage = browserStorage()): Pick<Platform, 'withLock'> {
  const tab = String(Math.random());
  return { withLock: (name, fn) => leaseLock(storage, tab, name, fn) };
}
