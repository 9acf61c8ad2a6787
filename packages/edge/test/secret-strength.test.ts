// Secrets that can be guessed are refused at start: HEADROOM_SECRET, HEADROOM_ADMIN_TOKEN,
// HEADROOM_SERVER_KEY and HEADROOM_WEBHOOK_SECRET under 32 bytes stop createEdgeApp and the
// Node server with a message naming the setting, unless development mode says otherwise.
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEdgeApp, createPgliteStorage, type Storage } from '../src/index.ts';
import { ADMIN, acmeInput, SECRET, SERVER_KEY } from './helpers.ts';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const STRONG = 'x'.repeat(32);

describe('secret strength', () => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await createPgliteStorage('memory://');
  }, 60_000);
  afterAll(() => storage?.close());

  const base = () => ({ storage, secret: SECRET, adminToken: ADMIN, serverKey: SERVER_KEY, log: () => {} });

  it.each([
    ['secret', { secret: 's' }, 'HEADROOM_SECRET'],
    ['secret as bytes', { secret: new Uint8Array(16) }, 'HEADROOM_SECRET'],
    ['adminToken', { adminToken: 'a' }, 'HEADROOM_ADMIN_TOKEN'],
    ['serverKey', { serverKey: 'k' }, 'HEADROOM_SERVER_KEY'],
    ['webhook secret', { webhook: { url: 'http://127.0.0.1:9/h', secret: 'w' } }, 'HEADROOM_WEBHOOK_SECRET'],
    [
      'webhookSecret',
      { webhook: 'http://127.0.0.1:9/h', webhookSecret: 'x'.repeat(31) },
      'HEADROOM_WEBHOOK_SECRET',
    ],
  ])('refuses a short %s', (_label, over, name) => {
    expect(() => createEdgeApp({ ...base(), ...over })).toThrow(name);
    expect(() => createEdgeApp({ ...base(), ...over })).toThrow(/at least 32 bytes/);
  });

  it('accepts 32-byte secrets, and short ones in development mode', async () => {
    const strong = createEdgeApp({
      ...base(),
      secret: STRONG,
      adminToken: STRONG,
      serverKey: STRONG,
      config: acmeInput,
    });
    await strong.ready;
    const dev = createEdgeApp({ ...base(), secret: 's', adminToken: 'a', serverKey: 'k', development: true });
    await dev.ready;
    expect((await dev.request('/healthz')).status).toBe(200);
  });

  const runBin = (env: Record<string, string>) =>
    spawnSync(
      process.execPath,
      ['--conditions=@headroom/source', '--import', 'tsx', 'src/node/bin.ts', '--port', '0'],
      {
        cwd: pkg,
        env: {
          ...process.env,
          INIT_CWD: pkg,
          DATABASE_URL: '',
          HEADROOM_DATA_DIR: join(tmpdir(), 'headroom-weak-secret-never-opened'),
          ...env,
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );

  it('headroom-edge exits 1 with a clear message on a 1-character admin token', () => {
    const result = runBin({ HEADROOM_SECRET: STRONG, HEADROOM_ADMIN_TOKEN: 'a', HEADROOM_DEV: '' });
    expect(result.status).toBe(1);
    const line = result.stdout.split('\n').find((l) => l.includes('HEADROOM_ADMIN_TOKEN'));
    expect(line).toBeDefined();
    expect(JSON.parse(line ?? '{}')).toMatchObject({ level: 'error' });
    expect(line).toContain('is 1 bytes');
    expect(line).toContain('HEADROOM_DEV=1');
  }, 60_000);
});
