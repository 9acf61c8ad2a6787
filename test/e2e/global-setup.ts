// Starts the real stack once for the e2e suite with the same orchestrator as `npm run demo`
// (build of the demo and the growth console, edge + embedded Postgres serving the console at
// /console, webhook receiver, demo backend) on random loopback ports
// and a temporary data dir; stops it (and everything it spawned) afterwards.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { DemoEnv } from './demo-env.ts';

const root = join(import.meta.dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function waitForReady(child: ChildProcess, output: string[]): Promise<DemoEnv> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`demo did not start in 150 s:\n${output.join('')}`)),
      150_000,
    );
    let buffer = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      output.push(chunk);
      buffer += chunk;
      const match = /HEADROOM_DEMO_READY (\{.*\})/.exec(buffer);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(JSON.parse(match[1]) as DemoEnv);
      }
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => output.push(chunk));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited (${code}) before it was ready:\n${output.join('')}`));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'headroom-e2e-'));
  const [demo, edge, receiver] = await Promise.all([freePort(), freePort(), freePort()]);
  const output: string[] = [];
  const child = spawn(
    process.execPath,
    // The console is built into the temp data dir (about 3 s), so concurrent runs never share a dist.
    [
      join(root, 'scripts/demo.mjs'),
      '--json',
      // The e2e tests start from an empty store: every account they read is their own.
      '--no-seed',
      '--data-dir',
      dataDir,
      '--console-dir',
      join(dataDir, 'console'),
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        HEADROOM_DEMO_PORT: String(demo),
        HEADROOM_EDGE_PORT: String(edge),
        HEADROOM_RECEIVER_PORT: String(receiver),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const env = await waitForReady(child, output).catch((error: unknown) => {
    child.kill('SIGTERM');
    throw error;
  });
  project.provide('demo', env);
  return async () => {
    const t0 = Date.now();
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 12_000)))]);
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    if (process.env.HEADROOM_E2E_LOG)
      console.log(output.join(''), `\nteardown ${Date.now() - t0} ms, exit ${child.exitCode}`);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
