import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { client, ENDPOINT, edgeServer, settle, testPlatform } from '../test/harness.ts';
import { createMemoryStorage } from './memory-storage.ts';

// Issue #14: storage that refuses writes, or locks that throw, meant nothing was ever sent.
const { server, received } = edgeServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  received.batches.length = 0;
});
afterAll(() => server.close());

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const security = () => new DOMException('Access denied in this context', 'SecurityError');

describe('storage and locks that refuse', () => {
  it('delivers all 300 events when every storage write is refused (quota), and says so once', async () => {
    const real = createMemoryStorage();
    const { platform } = testPlatform({
      storage: {
        get: real.get,
        remove: real.remove,
        set: async () => {
          throw quota();
        },
      },
    });
    const hr = client({ platform });
    await hr.ready();
    server.use(http.post(`${ENDPOINT}/v1/events`, () => HttpResponse.error()));
    for (let i = 0; i < 300; i++) hr.track('e', { i });
    await settle();
    // What is really queued (it said 0 while nothing could be stored or sent).
    expect(hr.diagnostics.$.get().queued).toBe(300);
    server.resetHandlers();
    for (let i = 0; i < 8; i++) await hr.flush();
    expect(new Set(received.of('custom').map((e) => (e.props as { i: number }).i)).size).toBe(300);
    const d = hr.diagnostics.$.get();
    expect(d).toMatchObject({ sent: 300, queued: 0, degraded: ['storage'] });
    expect(d.errors).toBe(1);
    await hr.shutdown();
  });

  it('delivers all 200 events when the lock throws on every flush (sandboxed iframe), and says so once', async () => {
    let attempts = 0;
    const { platform } = testPlatform({
      withLock: async () => {
        attempts++;
        throw security();
      },
    });
    const hr = client({ platform });
    await hr.ready();
    for (let i = 0; i < 200; i++) hr.track('e', { i });
    await settle();
    for (let i = 0; i < 6; i++) await hr.flush();
    expect(new Set(received.of('custom').map((e) => (e.props as { i: number }).i)).size).toBe(200);
    const d = hr.diagnostics.$.get();
    expect(d).toMatchObject({ sent: 200, queued: 0, degraded: ['locks'] });
    expect(d.errors).toBe(1);
    // Given up after the first refusal, not retried on every flush.
    expect(attempts).toBe(1);
    await hr.shutdown();
  });

  it('delivers when storage cannot even be read (blocked), in memory', async () => {
    const { platform } = testPlatform({
      storage: {
        get: async () => {
          throw security();
        },
        set: async () => {
          throw security();
        },
        remove: async () => {
          throw security();
        },
      },
    });
    const hr = client({ platform });
    await hr.ready();
    for (let i = 0; i < 100; i++) hr.track('e', { i });
    for (let i = 0; i < 5; i++) await hr.flush();
    expect(received.of('custom')).toHaveLength(100);
    expect(hr.diagnostics.$.get()).toMatchObject({ sent: 100, queued: 0, degraded: ['storage'] });
    await hr.shutdown();
  });
});
