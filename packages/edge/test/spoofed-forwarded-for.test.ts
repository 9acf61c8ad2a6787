// Behind one load balancer (HEADROOM_TRUST_PROXY=1) the client writes whatever it likes into
// X-Forwarded-For and the balancer appends the address it really saw. The limiter must key on
// that appended address: before, it took the first (client-written) entry and 300 of 300
// requests with a fresh fake address each passed a limit of 50.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteStorage, type Storage } from '../src/index.ts';
import { type EdgeServer, startEdgeServer } from '../src/node/start-edge-server.ts';
import { acmeInput, SECRET } from './helpers.ts';

describe('spoofed X-Forwarded-For', () => {
  let storage: Storage;
  let server: EdgeServer;
  beforeAll(async () => {
    storage = await createPgliteStorage('memory://');
    server = await startEdgeServer({
      storage,
      secret: SECRET,
      config: acmeInput,
      log: () => {},
      port: 0,
      trustProxy: 1,
      rateLimit: { perIp: { burst: 50, perSecond: 0.001 } },
    });
  }, 60_000);
  afterAll(() => server?.close());

  it.each(['/v1/config', '/v1/route'])(
    '%s: 300 requests with a fresh spoofed entry each get 50 through',
    async (path) => {
      let passed = 0;
      for (let i = 0; i < 300; i++) {
        const spoofed = `198.18.${i >> 8}.${i & 255}`;
        const res = await fetch(`${server.url}${path}`, {
          method: path === '/v1/route' ? 'POST' : 'GET',
          headers: { 'x-forwarded-for': `${spoofed}, 203.0.113.${path.length}` },
          ...(path === '/v1/route' ? { body: '{}' } : {}),
        });
        await res.arrayBuffer();
        if (res.status !== 429) passed++;
      }
      expect(passed).toBe(50);
    },
    60_000,
  );
});
