import { createHeadroom, createMemoryStorage, type Headroom, type Platform } from '@headroom/sdk';
import { afterAll, expect, it } from 'vitest';
import { type Fault, type Receiver, startReceiver } from './receiver.ts';

const TOTAL = 10_000;
const TOKEN = `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(
  JSON.stringify({ sub: 'acct_r', uid: 'user_r', plan: 'free', acv: 0, segment: 'smb', seats: 1 }),
).toString('base64url')}.c2ln`;

// Deterministic fault schedule (xorshift), 30 % of requests fail: 500, 503, 429 with
// Retry-After, a reset before storing, and a reset after storing (the answer is lost).
let seed = 0x9e3779b9;
const rand = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
};
const faults: Fault[] = [500, 503, 429, 'reset', 'stored_then_reset'];
let receiver: Receiver;
afterAll(() => receiver?.close());

/** A cross-tab lock shared by the simulated tabs, like Web Locks with `ifAvailable`. */
const held = new Set<string>();
const withLock = async (name: string, fn: () => Promise<void>) => {
  if (held.has(name)) return false;
  held.add(name);
  try {
    await fn();
  } finally {
    held.delete(name);
  }
  return true;
};

const storage = createMemoryStorage();
let offline = false;
const onlineListeners = new Set<() => void>();

/** One page: its own timers and listeners; `kill()` is the page dying mid-flight. */
function openPage(name: string) {
  let alive = true;
  const hidden = new Set<() => void>();
  const platform: Partial<Platform> = {
    fetch: async (url, init) => {
      if (!alive || offline) throw new TypeError('network error');
      return fetch(url, init);
    },
    storage: {
      get: (key) => storage.get(key),
      set: async (key, value) => {
        if (alive) await storage.set(key, value);
      },
      remove: (key) => storage.remove(key),
    },
    setTimeout: (fn, ms) => setTimeout(() => alive && fn(), ms),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    withLock,
    sendBeacon: undefined,
    broadcast: undefined,
    onHidden: (fn) => {
      hidden.add(fn);
      return () => hidden.delete(fn);
    },
    onOnline: (fn) => {
      onlineListeners.add(fn);
      return () => onlineListeners.delete(fn);
    },
    console: { warn: () => {}, error: () => {}, info: () => {} },
  };
  const hr: Headroom = createHeadroom({
    endpoint: receiver.url,
    token: TOKEN,
    config: undefined,
    platform,
    batchSize: 100,
    flushIntervalMs: 50,
    maxQueueBytes: 10_000_000,
    retry: { baseMs: 20, maxMs: 300 },
  });
  return {
    name,
    hr,
    /** pagehide, a moment for the storage write, then the page is gone. */
    async reload() {
      for (const fn of hidden) fn();
      await new Promise((r) => setTimeout(r, 5));
      alive = false;
    },
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('delivers 10,000 events exactly once through failures, offline, reloads and two tabs', async () => {
  receiver = await startReceiver(() =>
    rand() < 0.3 ? (faults[Math.floor(rand() * faults.length)] ?? 500) : 'ok',
  );
  const started = performance.now();
  let tabA = openPage('A');
  const tabB = openPage('B');
  let reloads = 0;
  for (let n = 0; n < TOTAL; n++) {
    (n % 2 === 0 ? tabA : tabB).hr.track('work', { n });
    // 1 % hostile strings (a NUL, a lone surrogate, an emoji cut by the SDK at 1,000): they may
    // be dropped, but never block or lose a good event.
    if (n % 100 === 37)
      (n % 2 === 0 ? tabA : tabB).hr.track('hostile', {
        q: [`a\u0000b`, 'lone \ud800', `${'x'.repeat(999)}😀`][n % 3],
      });
    if (n % 200 === 199) await pause(2);
    if (n === 3000) offline = true;
    if (n === 4500) {
      offline = false;
      for (const fn of onlineListeners) fn();
    }
    if (n === 2500 || n === 5000 || n === 7500) {
      await tabA.reload();
      tabA = openPage(`A${++reloads}`);
    }
  }
  const deadline = Date.now() + 45_000;
  const good = () => [...receiver.stored.values()].filter((e) => e.name !== 'hostile').length;
  while (good() < TOTAL && Date.now() < deadline) {
    await pause(100);
  }
  const seconds = (performance.now() - started) / 1000;
  const ns = new Map<number, number>();
  for (const event of receiver.stored.values()) {
    if (event.name === 'hostile') continue;
    const n = Number((event.props as { n: number }).n);
    ns.set(n, (ns.get(n) ?? 0) + 1);
  }
  const lost = TOTAL - ns.size;
  const doubled = [...ns.values()].filter((c) => c > 1).length;
  const d = [tabA.hr, tabB.hr].map((h) => h.diagnostics.$.get());
  console.info(
    `[reliability] ${TOTAL} events, ${reloads} reloads, 2 tabs, offline spell: stored ${receiver.stored.size}, ` +
      `lost ${lost}, duplicated after dedupe ${doubled}; ${receiver.stats.requests} requests, ` +
      `${receiver.stats.arrivals} arrivals (${receiver.stats.duplicates} resent duplicates deduped), ` +
      `faults ${JSON.stringify(receiver.stats.faults)}, ${receiver.stats.refused} batches refused for 100 hostile strings, retried A/B ${d[0]?.retried}/${d[1]?.retried}, ` +
      `${seconds.toFixed(1)} s`,
  );
  expect(lost).toBe(0);
  expect(doubled).toBe(0);
  expect(good()).toBe(TOTAL);
  expect(receiver.stats.requests).toBeGreaterThan(0);
  expect(Object.keys(receiver.stats.faults).length).toBeGreaterThan(3);
  await Promise.all([tabA.hr.shutdown(), tabB.hr.shutdown()]);
});
