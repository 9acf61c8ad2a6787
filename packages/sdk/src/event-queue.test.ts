import fc from 'fast-check';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { client, ENDPOINT, edgeServer, settle, testPlatform } from '../test/harness.ts';
import { createEventQueue, type QueuedEvent, retryAfter } from './event-queue.ts';
import { createMemoryStorage } from './memory-storage.ts';
import type { Platform } from './types.ts';

const { server, received } = edgeServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  received.batches.length = 0;
  vi.useRealTimers();
});
afterAll(() => server.close());

// A queue's collaborators with a fixed token, always allowed to send, reporting nowhere.
const queueDeps = (platform: Platform) => ({
  platform,
  url: 'https://edge.test/v1/events',
  key: Promise.resolve('q'),
  firstAccount: Promise.resolve(undefined),
  accountOf: () => undefined,
  tokens: {
    get: async () => 't',
    peek: () => 't',
    send: (request: (token: string) => Promise<Response>) => request('t'),
  },
  canSend: () => true,
  tally: () => {},
  fail: () => {},
  setQueued: () => {},
  onNetwork: () => {},
});

const ok = async (request: Request) => {
  const body = JSON.parse(await request.text());
  received.batches.push(body);
  return HttpResponse.json({ accepted: body.events.length, duplicates: 0, rejected: 0 }, { status: 202 });
};

describe('batching', () => {
  it('sends 50 events at once, the rest after 5 s, and nothing while idle', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { platform } = testPlatform({ now: () => Date.now() });
    const hr = client({ platform });
    await vi.advanceTimersByTimeAsync(10);
    for (let i = 0; i < 60; i++) hr.track('e', { i });
    await vi.advanceTimersByTimeAsync(100);
    expect(received.batches.map((b) => b.events.length)).toEqual([50]);
    await vi.advanceTimersByTimeAsync(4000);
    expect(received.batches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(received.batches.map((b) => b.events.length)).toEqual([50, 10]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(received.batches).toHaveLength(2);
    expect(received.batches.every((b) => typeof b.sentAt === 'number' && typeof b.token === 'string')).toBe(
      true,
    );
    expect(hr.diagnostics.$.get()).toMatchObject({ sent: 60, queued: 0 });
    await hr.shutdown();
  });
});

describe('options', () => {
  // Like the edge: a batch over 100 events is refused with 400, and a refused batch is dropped.
  const edgeLimit = async (request: Request) => {
    const body = JSON.parse(await request.clone().text());
    if (body.events.length > 100) return HttpResponse.json({ error: { code: 'invalid' } }, { status: 400 });
    return ok(request);
  };

  it('sends at most 100 events per request, whatever batchSize says, so none is refused and lost', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    server.use(http.post(`${ENDPOINT}/v1/events`, ({ request }) => edgeLimit(request)));
    const { platform } = testPlatform({ now: () => Date.now() });
    const hr = client({ platform, batchSize: 500 });
    await vi.advanceTimersByTimeAsync(10);
    for (let i = 0; i < 250; i++) hr.track('e', { i });
    await hr.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(received.of('custom')).toHaveLength(250);
    expect(Math.max(...received.batches.map((b) => b.events.length))).toBe(100);
    expect(hr.diagnostics.$.get()).toMatchObject({ sent: 250, dropped: 0 });
    await hr.shutdown();
  });

  it('uses the default for an option that is not a positive number, and says which', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    server.use(http.post(`${ENDPOINT}/v1/events`, ({ request }) => ok(request)));
    let timers = 0;
    const { platform } = testPlatform({
      now: () => Date.now(),
      setTimeout: (fn, ms) => {
        timers++;
        return setTimeout(fn, ms);
      },
    });
    const hr = client({
      platform,
      flushIntervalMs: Number.NaN,
      batchSize: -1,
      maxQueueBytes: 'lots' as unknown as number,
      retry: { baseMs: Infinity },
    });
    await vi.advanceTimersByTimeAsync(10);
    hr.track('a');
    await vi.advanceTimersByTimeAsync(4000);
    // NaN would have meant a timer every few ms and the event sent at once.
    expect(received.batches).toHaveLength(0);
    expect(timers).toBeLessThan(20);
    await vi.advanceTimersByTimeAsync(1100);
    expect(received.of('custom')).toHaveLength(1);
    const { errors, lastError } = hr.diagnostics.$.get();
    expect(errors).toBe(4);
    expect(lastError).toMatch(/retry\.baseMs/);
    await hr.shutdown();
  });
});

describe('failures', () => {
  it('retries 500, 503, 408 and 429 (after Retry-After) keeping the same ids', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const answers = [500, 503, 408, 429];
    const times: number[] = [];
    server.use(
      http.post(`${ENDPOINT}/v1/events`, async ({ request }) => {
        times.push(Date.now());
        const status = answers.shift();
        if (status === undefined) return ok(request);
        return HttpResponse.json(
          { error: { code: 'x', message: 'x' } },
          {
            status,
            headers: status === 429 ? { 'retry-after': '30' } : {},
          },
        );
      }),
    );
    const { platform } = testPlatform({ now: () => Date.now() });
    const hr = client({ platform });
    await vi.advanceTimersByTimeAsync(10);
    hr.track('a');
    await hr.flush();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(received.of('custom')).toHaveLength(1);
    expect(times).toHaveLength(5);
    // Retry-After: 30 s honoured after the 429.
    expect((times[4] ?? 0) - (times[3] ?? 0)).toBeGreaterThanOrEqual(30_000);
    expect(hr.diagnostics.$.get()).toMatchObject({ sent: 1, retried: 4, dropped: 0 });
    await hr.shutdown();
  });

  it('drops and counts a batch the endpoint rejects with 400', async () => {
    server.use(http.post(`${ENDPOINT}/v1/events`, () => HttpResponse.json({ error: {} }, { status: 400 })));
    const { platform } = testPlatform();
    const hr = client({ platform });
    await hr.ready();
    hr.track('a');
    hr.track('b');
    await hr.flush();
    await hr.flush();
    expect(hr.diagnostics.$.get()).toMatchObject({ dropped: 2, queued: 0, sent: 0 });
    await hr.shutdown();
  });

  // Issue #14: one event the endpoint refuses (a NUL, a lone surrogate) must not block or
  // lose the events queued around it.
  it('splits a batch refused with 400 until the bad event stands alone: 60 good events after it arrive', async () => {
    const unstorable = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    let requests = 0;
    server.use(
      http.post(`${ENDPOINT}/v1/events`, async ({ request }) => {
        requests++;
        const text = await request.text();
        const { events } = JSON.parse(text) as { events: Array<Record<string, unknown>> };
        if (events.some((e) => unstorable.test(JSON.stringify(e).replace(/\\u0000/g, '\0'))))
          return HttpResponse.json({ error: { code: 'invalid_body' } }, { status: 400 });
        return ok(new Request(request.url, { method: 'POST', body: text }));
      }),
    );
    const { platform } = testPlatform();
    const hr = client({ platform });
    await hr.ready();
    // The SDK's own cut at 1,000 characters must not split the emoji into a lone surrogate.
    hr.track('p', { q: `${'x'.repeat(999)}😀` });
    // Props are cleaned by the SDK (U+FFFD), an event name is not: the endpoint refuses it.
    hr.track('bad\u0000', { q: 'a\u0000b' });
    for (let i = 0; i < 60; i++) hr.track('good', { i });
    for (let i = 0; i < 3; i++) await hr.flush();
    expect(received.of('custom').filter((e) => e.name === 'good')).toHaveLength(60);
    expect(received.of('custom').filter((e) => e.name === 'p')).toHaveLength(1);
    expect(received.of('custom').filter((e) => String(e.name).startsWith('bad'))).toHaveLength(0);
    expect(hr.diagnostics.$.get()).toMatchObject({ sent: 61, dropped: 1, queued: 0 });
    expect(hr.diagnostics.$.get().lastError).toMatch(/events: 400/);
    // Halving finds one bad event among 50 in about 2·log2(50) requests, not 50.
    expect(requests).toBeLessThan(20);
    await hr.shutdown();
  });

  it('splits a batch answered 413 until it fits', async () => {
    server.use(
      http.post(`${ENDPOINT}/v1/events`, async ({ request }) => {
        const text = await request.text();
        if (JSON.parse(text).events.length > 10) return HttpResponse.json({ error: {} }, { status: 413 });
        return ok(new Request(request.url, { method: 'POST', body: text }));
      }),
    );
    const { platform } = testPlatform();
    const hr = client({ platform });
    await hr.ready();
    for (let i = 0; i < 40; i++) hr.track('e');
    await hr.flush();
    expect(received.ids()).toHaveLength(40);
    expect(new Set(received.ids()).size).toBe(40);
    expect(Math.max(...received.batches.map((b) => b.events.length))).toBeLessThanOrEqual(10);
    await hr.shutdown();
  });

  it('evicts the oldest events past maxQueueBytes and counts them', async () => {
    server.use(http.post(`${ENDPOINT}/v1/events`, () => HttpResponse.error()));
    const { platform } = testPlatform();
    const hr = client({ platform, maxQueueBytes: 2000 });
    await hr.ready();
    for (let i = 0; i < 40; i++) hr.track('e', { i });
    await settle();
    await hr.flush();
    const d = hr.diagnostics.$.get();
    expect(d.evicted).toBeGreaterThan(0);
    expect(d.evicted + d.queued).toBe(40);
    const stored = JSON.parse((await platform.storage?.get('hr:q:acct_1:user_1')) ?? '[]');
    expect(JSON.stringify(stored).length).toBeLessThanOrEqual(2000);
    expect(stored.at(-1).props.i).toBe(39);
    await hr.shutdown();
  });

  it('keeps queued events across a reload and sends them from the new page', async () => {
    server.use(http.post(`${ENDPOINT}/v1/events`, () => HttpResponse.error()));
    const { platform } = testPlatform();
    const first = client({ platform });
    await first.ready();
    first.track('kept');
    await first.shutdown();
    server.resetHandlers();
    const second = client({ platform });
    await second.ready();
    await second.flush();
    expect(received.of('custom').map((e) => e.name)).toEqual(['kept']);
    await second.shutdown();
  });

  it('on hide sends the newest events with sendBeacon as text/plain-safe JSON under 60 KB', async () => {
    const beacons: string[] = [];
    let hide = () => {};
    const { platform } = testPlatform({
      sendBeacon: (_url, body) => {
        beacons.push(body);
        return true;
      },
      onHidden: (fn) => {
        hide = fn;
        return () => {};
      },
    });
    const hr = client({ platform });
    await hr.ready();
    for (let i = 0; i < 80; i++) hr.track('e', { pad: 'x'.repeat(900) });
    hide();
    expect(beacons).toHaveLength(1);
    const body = JSON.parse(beacons[0] ?? '{}');
    expect((beacons[0] ?? '').length).toBeLessThanOrEqual(60_000);
    expect(body.events.length).toBeGreaterThan(0);
    expect(typeof body.sentAt).toBe('number');
    await hr.shutdown();
  });
});

describe('event ids', () => {
  it('stamps a UUIDv7 of its ts on an event when handed on: the beacon and the stored copy share it', async () => {
    const beacons: string[] = [];
    let hide = () => {};
    const memory = createMemoryStorage();
    let queue = '[]';
    const { platform } = testPlatform({
      storage: {
        ...memory,
        set: (key, value) => {
          if (key.startsWith('hr:q:')) queue = value;
          return memory.set(key, value);
        },
      },
      // Sends fail, so persisted events stay stored.
      fetch: (url, init) =>
        String(url).endsWith('/v1/events') ? Promise.reject(new TypeError('offline')) : fetch(url, init),
      sendBeacon: (_url, body) => {
        beacons.push(body);
        return true;
      },
      onHidden: (fn) => {
        hide = fn;
        return () => {};
      },
    });
    const hr = client({ platform });
    await hr.ready();
    for (let i = 0; i < 3; i++) hr.track('e', { i });
    await settle();
    // Not persisted yet when the page hides: the beacon stamps it.
    hr.track('e', { i: 3 });
    hide();
    const sent = JSON.parse(beacons[0] ?? '{}').events as Array<QueuedEvent & { props: { i: number } }>;
    expect(sent.map((e) => e.props.i)).toEqual([0, 1, 2, 3]);
    for (const e of sent) {
      expect(e.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Number.parseInt((e.id ?? '').replace('-', '').slice(0, 12), 16)).toBe(e.ts);
    }
    expect(new Set(sent.map((e) => e.id)).size).toBe(4);
    await settle();
    // The stored copies, the one persisted after the beacon too, keep the ids the beacon sent.
    const stored = (JSON.parse(queue) as QueuedEvent[]).filter((e) => e.type === 'custom');
    expect(stored.map((e) => e.id)).toEqual(sent.map((e) => e.id));
    await hr.shutdown();
  });
});

describe('close', () => {
  it('sets no timer once closed, even when a pass ends with events left to retry', async () => {
    const timers: number[] = [];
    let closed = false;
    let posts = 0;
    const platform: Platform = {
      now: () => 1e12,
      setTimeout: (_fn, ms) => {
        if (closed) timers.push(ms);
        return 0;
      },
      clearTimeout: () => {},
      storage: createMemoryStorage(),
      random: () => 0.5,
      fetch: async () => {
        posts++;
        return new Response('{}', { status: 503 });
      },
    };
    const queue = createEventQueue({}, queueDeps(platform));
    queue.push({ id: 'a', type: 'custom', ts: 1 });
    await queue.close();
    closed = true;
    await queue.flush();
    expect(posts).toBe(1);
    expect(timers).toEqual([]);
  });
});

describe('retryAfter', () => {
  it('reads seconds; anything else waits only for the backoff', () => {
    expect(retryAfter('3')).toBe(3000);
    expect(retryAfter('0.5')).toBe(500);
    expect(retryAfter(null)).toBe(0);
    expect(retryAfter('soon')).toBe(0);
    expect(retryAfter('-4')).toBe(0);
  });
});

// Any interleaving of enqueue / failing sends / reloads / flushes delivers each id at least
// once, and a receiver that dedupes by id stores each exactly once.
describe('queue property', () => {
  type Step =
    | { op: 'push'; n: number }
    | { op: 'flush'; fail: 'none' | 'net' | '500' | 'lost' }
    | { op: 'reload' };
  const step = fc.oneof(
    fc.record({ op: fc.constant('push' as const), n: fc.integer({ min: 1, max: 7 }) }),
    fc.record({ op: fc.constant('flush' as const), fail: fc.constantFrom('none', 'net', '500', 'lost') }),
    fc.record({ op: fc.constant('reload' as const) }),
  );

  it('delivers every id, exactly once after dedupe', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 30 }), async (steps: Step[]) => {
        const storage = createMemoryStorage();
        const stored = new Set<string>();
        const arrivals: string[] = [];
        let mode: 'none' | 'net' | '500' | 'lost' = 'none';
        let seq = 0;
        const pushed: string[] = [];
        const platform: Platform = {
          now: () => 1e12,
          setTimeout: () => 0,
          clearTimeout: () => {},
          storage,
          random: () => 0.5,
          fetch: async (_url, init) => {
            if (mode === 'net') throw new TypeError('offline');
            if (mode === '500') return new Response('{}', { status: 500 });
            const events = JSON.parse(String(init?.body)).events as QueuedEvent[];
            for (const e of events) {
              arrivals.push(e.id!);
              stored.add(e.id!);
            }
            // 'lost': the edge stored the batch but the answer never came back.
            if (mode === 'lost') throw new TypeError('connection reset');
            return new Response('{}', { status: 202 });
          },
        };
        const open = () =>
          createEventQueue(
            { maxQueueBytes: 1e9, batchSize: 5, flushIntervalMs: 1000, retry: { baseMs: 1, maxMs: 1 } },
            queueDeps(platform),
          );
        let queue = open();
        for (const s of steps) {
          if (s.op === 'push') {
            for (let i = 0; i < s.n; i++) {
              const id = `id-${seq++}`;
              pushed.push(id);
              queue.push({ id, type: 'custom', ts: 1 });
            }
          } else if (s.op === 'flush') {
            mode = s.fail;
            await queue.flush();
          } else {
            await queue.close();
            queue = open();
          }
        }
        mode = 'none';
        await queue.flush();
        expect([...stored].sort()).toEqual([...pushed].sort());
        expect(new Set(arrivals).size).toBe(pushed.length);
      }),
      { numRuns: 150 },
    );
  });
});

// Issue #14: a burst of usage was one event per call and evicted itself from the 1 MB queue.
describe('usage bursts', () => {
  const total = () =>
    received.of('usage').reduce((sum, e) => sum + (typeof e.delta === 'number' ? e.delta : 0), 0);

  it('stores the exact total of 100,000 adds in a tight loop, with 0 evictions', async () => {
    const { platform } = testPlatform();
    const hr = client({ platform });
    await hr.ready();
    for (let i = 0; i < 100_000; i++) hr.meter('api_calls').add(1);
    for (let i = 0; i < 3; i++) await hr.flush();
    expect(total()).toBe(100_000);
    const calls = received.of('usage').reduce((sum, e) => sum + Number(e.calls ?? 1), 0);
    expect(calls).toBe(100_000);
    expect(received.of('usage').at(-1)?.value).toBe(100_000);
    expect(hr.diagnostics.$.get()).toMatchObject({ evicted: 0, queued: 0 });
    await hr.shutdown();
  });

  it('stores the exact total of 200 bursts of 1,000 adds with the event loop free between', async () => {
    const { platform } = testPlatform();
    const hr = client({ platform });
    await hr.ready();
    for (let burst = 0; burst < 200; burst++) {
      for (let i = 0; i < 1000; i++) hr.meter('api_calls').add(1);
      await new Promise((r) => setTimeout(r, 0));
    }
    for (let i = 0; i < 5; i++) await hr.flush();
    expect(total()).toBe(200_000);
    expect(received.of('usage').length).toBeLessThanOrEqual(200);
    expect(hr.diagnostics.$.get()).toMatchObject({ evicted: 0, queued: 0 });
    await hr.shutdown();
  });
});
