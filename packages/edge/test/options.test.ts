// The ways a host wires the edge: config as an object, a loader or (Node server) a file path; the
// webhook as a URL plus secret; Hono's app.request helper for tests.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEdgeApp, createPgliteStorage, type Storage } from '../src/index.ts';
import { startEdgeServer } from '../src/node/start-edge-server.ts';
import { acmeInput, SECRET } from './helpers.ts';

const acmePath = fileURLToPath(new URL('../../core/examples/acme.config.json', import.meta.url));

describe('createEdgeApp options', () => {
  const stores: Storage[] = [];
  const fresh = async () => {
    const storage = await createPgliteStorage('memory://');
    stores.push(storage);
    return storage;
  };
  beforeAll(() => {}, 60_000);
  afterAll(() => Promise.all(stores.map((s) => s.close())));

  it('startEdgeServer publishes a config read from a JSON file path', async () => {
    const server = await startEdgeServer({
      storage: await fresh(),
      secret: SECRET,
      config: acmePath,
      log: () => {},
      port: 0,
    });
    try {
      const res = await fetch(`${server.url}/v1/config`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { upgradePath: string[] }).upgradePath).toEqual([
        'free',
        'team',
        'business',
        'enterprise',
      ]);
    } finally {
      stores.pop();
      await server.close();
    }
  }, 60_000);

  it('limits by the X-Forwarded-For client when trustProxy is on', async () => {
    const server = await startEdgeServer({
      storage: await fresh(),
      secret: SECRET,
      config: acmeInput,
      log: () => {},
      port: 0,
      // Two proxies: 10.0.0.1 appended the client's address, the socket peer appended 10.0.0.1.
      trustProxy: 2,
      rateLimit: { perIp: { burst: 1, perSecond: 0.01 } },
    });
    try {
      const get = (ip: string) =>
        fetch(`${server.url}/v1/config`, { headers: { 'x-forwarded-for': `${ip}, 10.0.0.1` } });
      expect((await get('198.51.100.1')).status).toBe(200);
      expect((await get('198.51.100.2')).status).toBe(200);
      expect((await get('198.51.100.1')).status).toBe(429);
    } finally {
      stores.pop();
      await server.close();
    }
  }, 60_000);

  it('answers through app.request (Hono test helper)', async () => {
    const app = createEdgeApp({ storage: await fresh(), secret: SECRET, config: acmeInput, log: () => {} });
    expect((await app.request('/healthz')).status).toBe(200);
  }, 60_000);

  it('accepts a loader function, and refuses to start on an invalid config', async () => {
    const ok = createEdgeApp({
      storage: await fresh(),
      secret: SECRET,
      config: async () => acmeInput,
      log: () => {},
    });
    await expect(ok.ready).resolves.toBeUndefined();
    const bad = createEdgeApp({
      storage: await fresh(),
      secret: SECRET,
      config: { plans: 1 },
      log: () => {},
    });
    await expect(bad.ready).rejects.toThrow(/Invalid Headroom config/);
    const res = await bad.request('/v1/config');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('config_invalid');
  }, 60_000);

  it('refuses to start on a misspelt key in the config file, and logs warnings of a valid one', async () => {
    const config = JSON.parse(JSON.stringify(acmeInput)) as Record<string, unknown>;
    config.trigers = config.triggers;
    delete config.triggers;
    const typo = createEdgeApp({ storage: await fresh(), secret: SECRET, config, log: () => {} });
    await expect(typo.ready).rejects.toThrow('trigers: unknown key "trigers"; did you mean "triggers"?');

    const lines: Record<string, unknown>[] = [];
    const unused = JSON.parse(JSON.stringify(acmeInput)) as { triggers: { prompt?: string }[] };
    unused.triggers = unused.triggers.filter((t) => t.prompt !== 'tier_upgrade');
    const app = createEdgeApp({
      storage: await fresh(),
      secret: SECRET,
      config: unused,
      log: (line) => void lines.push(line),
    });
    await app.ready;
    expect(lines.filter((line) => line.level === 'warn')).toEqual([
      {
        level: 'warn',
        msg: 'config warning',
        code: 'unused_prompt',
        path: 'prompts.tier_upgrade',
        warning: 'no trigger shows this prompt, so nobody will see it',
      },
    ]);
  }, 60_000);
});
