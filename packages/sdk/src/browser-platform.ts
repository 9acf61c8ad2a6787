import { browserStorage } from './browser-storage.ts';
import type { BroadcastLink, Platform } from './types.ts';

/**
 * The browser defaults: fetch, IndexedDB storage, a localStorage journal, sendBeacon,
 * visibilitychange/pagehide, online, Web Locks and BroadcastChannel. Reads globals only when
 * called, so importing the SDK is SSR-safe. Without Web Locks (browsers before 2022, pages
 * not served over https) the SDK sends without a cross-tab lock, which the edge's dedupe by
 * event id makes safe; `leaseLocks()` adds a storage lease for those browsers.
 */
/* @__NO_SIDE_EFFECTS__ */
export function browserPlatform(): Platform {
  const g = globalThis;
  const storage = browserStorage();
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
    now: Date.now,
    setTimeout: (fn, ms) => g.setTimeout(fn, ms),
    clearTimeout: (handle) => g.clearTimeout(handle as number),
    storage,
    // False where there is no sendBeacon: the events stay stored for the next load.
    sendBeacon: (url, body) => g.navigator?.sendBeacon?.(url, body) ?? false,
    onHidden: (fn) =>
      listen(
        g.document,
        'visibilitychange',
        () => g.document.visibilityState === 'hidden' && fn(),
        listen(g as unknown as EventTarget, 'pagehide', fn),
      ),
    journal: () => g.localStorage,
    onOnline: (fn) => listen(g as unknown as EventTarget, 'online', fn),
    withLock: locks
      ? (name, fn) =>
          locks.request(name, { ifAvailable: true }, (lock) =>
            lock ? fn().then(() => true) : false,
          ) as unknown as Promise<boolean>
      : undefined,
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
