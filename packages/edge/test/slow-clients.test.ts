// Slow clients must not hold the server: slow headers, an idle socket, a body sent a byte at a
// time and an idle keep-alive socket are closed after their timeouts, and 1,100 slow sockets
// from one address (the server limited to 1,024 file descriptors, as on many hosts) leave
// `/healthz` answering everyone else.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteStorage } from '../src/index.ts';
import { type EdgeServer, startEdgeServer } from '../src/node/start-edge-server.ts';
import { acmeInput, SECRET } from './helpers.ts';

const pkg = fileURLToPath(new URL('..', import.meta.url));

/** A socket to `port` from `localAddress` (any 127/8 address is loopback on Linux). */
function open(port: number, localAddress = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves with ms until the server closed `socket`, or `null` after `limitMs`. */
function closedWithin(socket: Socket, limitMs: number, trickle?: () => void): Promise<number | null> {
  const started = performance.now();
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (!socket.destroyed && socket.writable) trickle?.();
    }, 200);
    const done = (value: number | null) => {
      clearInterval(timer);
      clearTimeout(limit);
      socket.destroy();
      resolve(value);
    };
    const limit = setTimeout(() => done(null), limitMs);
    socket.on('error', () => {});
    socket.resume();
    socket.once('close', () => done(performance.now() - started));
  });
}

describe('slow clients (Node server timeouts)', () => {
  let server: EdgeServer;
  beforeAll(async () => {
    server = await startEdgeServer({
      storage: await createPgliteStorage('memory://'),
      secret: SECRET,
      config: acmeInput,
      log: () => {},
      port: 0,
      headersTimeoutMs: 1000,
      requestTimeoutMs: 2000,
      idleTimeoutMs: 3000,
      keepAliveTimeoutMs: 500,
    });
  }, 60_000);
  afterAll(() => server?.close());

  it('closes a socket that sends its headers a byte at a time after headersTimeoutMs', async () => {
    const socket = await open(server.port);
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    const ms = await closedWithin(socket, 5000, () => socket.write('X'));
    expect(ms).not.toBeNull();
    expect(ms).toBeLessThan(3000);
  });

  it('closes a socket that sends nothing', async () => {
    const ms = await closedWithin(await open(server.port), 5000);
    expect(ms).not.toBeNull();
    expect(ms).toBeLessThan(3000);
  });

  it('closes a socket whose body trickles in after requestTimeoutMs', async () => {
    const socket = await open(server.port);
    socket.write(
      'POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{',
    );
    const ms = await closedWithin(socket, 6000, () => socket.write(' '));
    expect(ms).not.toBeNull();
    expect(ms).toBeGreaterThan(1500); // the body was being read, not refused
    expect(ms).toBeLessThan(4500);
  });

  it('closes an idle keep-alive socket after keepAliveTimeoutMs', async () => {
    const socket = await open(server.port);
    const answered = new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await answered;
    const ms = await closedWithin(socket, 5000);
    expect(ms).not.toBeNull();
    // Node adds one second of grace to keepAliveTimeout; without the option it waits 5 s + 1 s.
    expect(ms).toBeLessThan(2200);
  });
});

describe('1,100 slow sockets from one address', () => {
  let child: ChildProcess;
  let dir: string;
  let port = 0;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'headroom-slow-'));
    // The server as `pnpm edge` runs it, limited to 1,024 file descriptors.
    child = spawn(
      'bash',
      [
        '-c',
        'ulimit -n 1024 && exec "$0" --conditions=@headroom/source --import tsx src/node/bin.ts --config ../core/examples/acme.config.json --port 0',
        process.execPath,
      ],
      {
        cwd: pkg,
        env: {
          ...process.env,
          INIT_CWD: pkg,
          HEADROOM_SECRET: SECRET,
          HEADROOM_DATA_DIR: dir,
          DATABASE_URL: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let buffer = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`server exited early (${code}): ${buffer}`)));
      child.stdout?.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const match = /"url":"(http:[^"]+)"/.exec(buffer);
        if (match?.[1]) resolve(match[1]);
      });
    });
    port = Number(new URL(url).port);
  }, 90_000);

  afterAll(() => {
    for (const s of sockets) s.destroy();
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps /healthz answering for other clients', async () => {
    // The attacker: 127.0.0.2, each socket stuck half-way through its headers.
    const opened = await Promise.allSettled(
      Array.from({ length: 1100 }, async () => {
        const socket = await open(port, '127.0.0.2');
        socket.on('error', () => {});
        socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ');
        sockets.push(socket);
      }),
    );
    expect(opened.length).toBe(1100);
    await new Promise((r) => setTimeout(r, 500));
    const stillOpen = sockets.filter((s) => !s.destroyed && !s.readableEnded).length;
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
    // The default per-address cap (256) holds the rest off.
    expect(stillOpen).toBeLessThanOrEqual(256);
  }, 60_000);
});
