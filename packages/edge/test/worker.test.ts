// Runs the `@headroom/edge/worker` entry inside workerd (Cloudflare's runtime) via Miniflare:
// bundled with esbuild like a Workers deploy, settings from bindings, storage injected.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccountToken } from '../src/token.ts';

const SECRET = 'workerd-secret-0123456789abcdef01234567';

describe('worker entry in workerd (Miniflare)', () => {
  let mf: Miniflare;

  beforeAll(async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./worker/worker-fixture.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      conditions: ['@headroom/source', 'worker', 'browser'],
      write: false,
      minify: true,
      logLevel: 'silent',
    });
    mf = new Miniflare({
      modules: true,
      script: result.outputFiles[0]?.text ?? '',
      compatibilityDate: '2024-09-23',
      bindings: { HEADROOM_SECRET: SECRET, HEADROOM_ALLOWED_ORIGINS: 'https://app.example.com' },
    });
    await mf.ready;
  }, 120_000);
  afterAll(() => mf?.dispose());

  it('serves config, routes with a verified token and refuses a forged one', async () => {
    const config = await mf.dispatchFetch('http://edge.local/v1/config');
    expect(config.status).toBe(200);
    expect(config.headers.get('etag')).toBe('"hr-config-1"');
    await config.arrayBuffer();

    const claims = { sub: 'acct_w', uid: 'u', plan: 'team', acv: 1440, segment: 'smb' as const, seats: 10 };
    const token = await signAccountToken(claims, SECRET, { expiresIn: 300 });
    const route = await mf.dispatchFetch('http://edge.local/v1/route', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://app.example.com' },
      body: JSON.stringify({ token, plan: 'business', seats: 100 }),
    });
    expect(route.status).toBe(200);
    expect(route.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(await route.json()).toMatchObject({ route: 'cs_assist', expansionAcv: 40560 });

    const forged = await signAccountToken({ ...claims, acv: 0 }, 'guess', { expiresIn: 300 });
    const refused = await mf.dispatchFetch('http://edge.local/v1/route', {
      method: 'POST',
      body: JSON.stringify({ token: forged, plan: 'team' }),
    });
    expect(refused.status).toBe(401);
    await refused.arrayBuffer();
  });
});
