// Smoke test of the real Node server (`headroom-edge`): started like `pnpm edge`, it logs
// its URL, serves the API and the built console, logs JSON lines, and stops cleanly on SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('..', import.meta.url));

describe('headroom-edge (Node server)', () => {
  let child: ChildProcess;
  let url = '';
  let dir: string;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'headroom-edge-'));
    const consoleDir = join(dir, 'console');
    mkdirSync(join(consoleDir, 'assets'), { recursive: true });
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(consoleDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'do not serve');
    child = spawn(
      process.execPath,
      [
        '--conditions=@headroom/source',
        '--import',
        'tsx',
        'src/node/bin.ts',
        '--',
        '--config',
        '../core/examples/acme.config.json',
        '--port',
        '0',
        '--console',
        consoleDir,
      ],
      {
        cwd: pkg,
        env: {
          ...process.env,
          INIT_CWD: pkg,
          HEADROOM_SECRET: 'smoke-secret-0123456789abcdef0123456789',
          HEADROOM_ADMIN_TOKEN: 'smoke-admin-0123456789abcdef01234567890',
          HEADROOM_DATA_DIR: join(dir, 'data'),
          DATABASE_URL: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let buffer = '';
    url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`server exited early (${code}): ${buffer}`)));
      child.stdout?.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let nl = buffer.indexOf('\n');
        while (nl >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          nl = buffer.indexOf('\n');
          const parsed = JSON.parse(line) as Record<string, unknown>;
          lines.push(parsed);
          if (typeof parsed.url === 'string') resolve(parsed.url);
        }
      });
    });
  }, 90_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the API, the console with SPA fallback, and nothing outside it', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const config = await fetch(`${url}/v1/config`);
    expect(config.status).toBe(200);
    expect(config.headers.get('etag')).toBe('"hr-config-1"');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const index = await fetch(`${url}/console/`);
    expect(await index.text()).toContain('<title>console</title>');
    const asset = await fetch(`${url}/console/assets/app.js`);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await (await fetch(`${url}/console/experiments/usage_copy`)).text()).toContain('console');
    for (const path of ['/console/..%2Fsecret.txt', '/console/%2e%2e/secret.txt']) {
      expect(await (await fetch(`${url}${path}`)).text()).not.toContain('do not serve');
    }
    expect(lines.some((l) => l.msg === 'request' && l.path === '/v1/config' && l.status === 200)).toBe(true);
  });

  it('shuts down cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines.some((l) => l.msg === 'stopped')).toBe(true);
  }, 30_000);
});
