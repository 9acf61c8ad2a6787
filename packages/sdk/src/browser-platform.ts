import { browserStorage } from './browser-storage.ts';
import type { BroadcastLink, Platform, PlatformStorage } from './types.ts';

/**
 * The browser defaults: fetch, IndexedDB storage (localStorage, then memory, as fallbacks),
 * sendBeacon, visibilitychange/pagehide, online, Web Locks (a storage lease otherwise) and
 * BroadcastChannel. Reads globals only when called, so importing the SDK is SSR-safe.
 */
/* @__NO_SIDE_EFFECTS__ */
export function browserPlatform(): Platform {
  const g = globalThis;
  const storage = browserStorage();
  const tab = String(Math.random());
  // Returns a stop that also runs `alsoStop` (another listener's).
  const listen = (
    target: Partial<EventTarget> | undefined,
    type: string,
    fn: () => void,
    alsoStop?: () => void,
  ) => {
    target?.addEventListener?.(type, fn);
    return () => {
      target?.removeEventListener?.(type, fn);
      alsoStop?.();
    };
  };
  const locks = (g.navigator as Navigator | undefined)?.locks;
  return {
    fetch: (input, init) => g.fetch(input, init),
    now: () => Date.now(),
    setTimeout: (fn, ms) => g.setTimeout(fn, ms),
    clearTimeout: (handle) => g.clearTimeout(handle as number),
    storage,
    // False where there is no sendBeacon, so the queue falls back to a keepalive fetch.
    sendBeacon: (url, body) => g.navigator?.sendBeacon?.(url, body) ?? false,
    onHidden: (fn) =>
      listen(
        g.document,
        'visibilitychange',
        () => g.document.visibilityState === 'hidden' && fn(),
        listen(g as unknown as EventTarget, 'pagehide', fn),
      ),
    onOnline: (fn) => listen(g as unknown as EventTarget, 'online', fn),
    withLock: locks
      ? (name, fn) =>
          locks.request(name, { ifAvailable: true }, (lock) =>
            lock ? fn().then(() => true) : false,
          ) as unknown as Promise<boolean>
      : (name, fn) => leaseLock(storage, tab, name, fn),
    broadcast: g.BroadcastChannel
      ? (name, onMessage): BroadcastLink => {
          const channel = new g.BroadcastChannel(name);
          channel.onmessage = (e) => onMessage(e.data);
          return { post: (data) => channel.postMessage(data), close: () => channel.close() };
        }
      : undefined,
    random: Math.random,
    console: g.console,
  };
}

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
