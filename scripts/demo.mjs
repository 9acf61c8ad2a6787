#!/usr/bin/env node
// `npm run demo`: builds the demo (and the console when it exists), then starts the Headroom
// edge with embedded Postgres, a webhook receiver that verifies and prints CS handoffs, and
// the Acme Docs backend serving the built app. Ctrl-C stops everything. Data lives in
// .headroom/ between runs; `--reset` starts clean.
//
// A fresh data dir is first seeded with five months of synthetic history (500 accounts through
// the real edge on a simulated clock), so the growth console opens on results; --no-seed skips it.
// Flags: --reset, --no-build, --no-console (skip building the console), --no-seed, --data-dir DIR,
// --console-dir DIR (where the console is built to and served from; default apps/console/dist),
// --json (print one machine-readable ready line).
// Ports: HEADROOM_DEMO_PORT (5173), HEADROOM_EDGE_PORT (8787), HEADROOM_RECEIVER_PORT (8788).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dataDir = resolve(root, option('--data-dir') ?? process.env.HEADROOM_DATA_DIR ?? '.headroom');
const json = flag('--json');
const consoleDir = resolve(root, option('--console-dir') ?? 'apps/console/dist');
const host = '127.0.0.1';
const port = (name, fallback) => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535)
    fail(`${name} must be a port number, got "${raw}"`);
  return value;
};
const log = (line) => console.log(json ? `[demo] ${line}` : line);

function fail(message) {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

const ports = {
  demo: port('HEADROOM_DEMO_PORT', 5173),
  edge: port('HEADROOM_EDGE_PORT', 8787),
  receiver: port('HEADROOM_RECEIVER_PORT', 8788),
};

function portFree(p) {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(p, host, () => server.close(() => done(true)));
  });
}

for (const [name, p] of Object.entries(ports)) {
  if (!(await portFree(p))) {
    const env = `HEADROOM_${name.toUpperCase()}_PORT`;
    fail(
      `Port ${p} (${name}) is already in use. Stop whatever holds it, or pick another: ${env}=<port> npm run demo`,
    );
  }
}

if (flag('--reset') && existsSync(dataDir)) {
  rmSync(dataDir, { recursive: true, force: true });
  log(`Reset: removed ${dataDir}`);
}
mkdirSync(dataDir, { recursive: true });

// Secrets are generated once per data dir (or taken from the environment).
const secretsFile = join(dataDir, 'demo-secrets.json');
const secrets = existsSync(secretsFile) ? JSON.parse(readFileSync(secretsFile, 'utf8')) : {};
for (const key of [
  'HEADROOM_SECRET',
  'HEADROOM_SERVER_KEY',
  'HEADROOM_ADMIN_TOKEN',
  'HEADROOM_WEBHOOK_SECRET',
]) {
  // The edge refuses secrets under 32 bytes: a stored short one (older demo) is replaced.
  const stored = typeof secrets[key] === 'string' && secrets[key].length >= 32 ? secrets[key] : undefined;
  secrets[key] = process.env[key] ?? stored ?? randomBytes(32).toString('base64url');
}
writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });

const node = process.execPath;
const tsx = ['--conditions=@headroom/source', '--import', 'tsx'];
const configFile = join(root, 'apps/demo/headroom.config.json');

function build(label, viteConfig, extra = []) {
  log(`Building ${label}…`);
  const result = spawnSync(
    node,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      viteConfig,
      '--logLevel',
      'error',
      ...extra,
    ],
    { cwd: dirname(viteConfig), stdio: json ? ['ignore', 'ignore', 'inherit'] : 'inherit' },
  );
  return result.status === 0;
}

if (!flag('--no-build')) {
  if (!build('the demo app', join(root, 'apps/demo/vite.config.ts')))
    fail('Building the demo app failed (see above).');
  const consoleVite = join(root, 'apps/console/vite.config.ts');
  // The console is optional: a console that does not build yet must not stop the demo.
  // Served by the edge under /console, so its assets must be addressed from there.
  const consoleArgs = ['--base', '/console/', '--outDir', consoleDir, '--emptyOutDir'];
  if (
    !flag('--no-console') &&
    existsSync(consoleVite) &&
    !build('the growth console', consoleVite, consoleArgs)
  ) {
    console.error('The growth console did not build; starting without it.');
  }
}
if (!existsSync(join(root, 'apps/demo/dist/index.html')))
  fail('apps/demo/dist is missing: run without --no-build.');

const children = [];
let stopping = false;

function start(name, argv, env) {
  const child = spawn(node, argv, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group, so stopping it also stops anything it spawned.
    detached: true,
  });
  const prefix = (line) => (line.trim() ? `${name.padEnd(8)}│ ${line}` : '');
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) console.log(prefix(line));
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped unexpectedly (${signal ?? `exit ${code}`}); shutting down.`);
      void stop(1);
    }
  });
  children.push({ name, child });
  return child;
}

function kill(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stop(code) {
  if (stopping) return;
  stopping = true;
  log('Stopping…');
  for (const { child } of [...children].reverse()) kill(child, 'SIGTERM');
  const deadline = Date.now() + 8000;
  for (const { name, child } of children) {
    while (child.exitCode === null && child.signalCode === null && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    if (child.exitCode === null && child.signalCode === null) {
      console.error(`${name} did not stop in time; killing it.`);
      kill(child, 'SIGKILL');
    }
  }
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('SIGHUP', () => void stop(0));

// PGlite has one writer: the history goes in before the edge opens the store.
if (!flag('--no-seed') && !existsSync(join(dataDir, 'pglite'))) {
  log('Seeding the growth console with five months of synthetic history (first run only)…');
  const seeded = spawnSync(
    node,
    [
      ...tsx,
      join(root, 'apps/demo/server/seed-history-main.ts'),
      '--config',
      configFile,
      '--data-dir',
      dataDir,
    ],
    {
      cwd: root,
      env: { ...process.env, ...secrets },
      stdio: json ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    },
  );
  if (seeded.status !== 0) {
    // A half-seeded store would be read as history: start clean instead.
    rmSync(join(dataDir, 'pglite'), { recursive: true, force: true });
    console.error('Seeding the history failed (see above); starting with an empty store.');
  }
}

const demoOrigin = `http://${host}:${ports.demo}`;
const edgeUrl = `http://${host}:${ports.edge}`;
const receiverUrl = `http://${host}:${ports.receiver}`;

start(
  'receiver',
  [...tsx, join(root, 'apps/demo/server/webhook-receiver-main.ts'), '--port', String(ports.receiver)],
  {
    HEADROOM_WEBHOOK_SECRET: secrets.HEADROOM_WEBHOOK_SECRET,
  },
);
// The edge's own Node server (what `pnpm edge --config FILE --port N` runs), from source.
start(
  'edge',
  [
    ...tsx,
    join(root, 'packages/edge/src/node/bin.ts'),
    '--config',
    configFile,
    '--port',
    String(ports.edge),
    '--console',
    consoleDir,
  ],
  {
    ...secrets,
    HEADROOM_DATA_DIR: dataDir,
    HEADROOM_HANDOFF_WEBHOOK: `${receiverUrl}/handoffs`,
    // The demo's own origins, plus any the user allows (an outside app trying the demo edge).
    HEADROOM_ALLOWED_ORIGINS: [
      demoOrigin,
      `http://localhost:${ports.demo}`,
      process.env.HEADROOM_ALLOWED_ORIGINS,
    ]
      .filter(Boolean)
      .join(','),
  },
);
start(
  'demo',
  [
    ...tsx,
    join(root, 'apps/demo/server/main.ts'),
    '--port',
    String(ports.demo),
    '--config',
    configFile,
    '--endpoint',
    edgeUrl,
    '--data-dir',
    dataDir,
    '--static',
    join(root, 'apps/demo/dist'),
  ],
  { HEADROOM_SECRET: secrets.HEADROOM_SECRET, HEADROOM_SERVER_KEY: secrets.HEADROOM_SERVER_KEY },
);

async function healthy(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return false;
}

for (const url of [`${receiverUrl}/healthz`, `${edgeUrl}/healthz`, `${demoOrigin}/healthz`]) {
  if (!(await healthy(url, 60_000))) {
    console.error(`${url} did not become healthy within 60 s.`);
    await stop(1);
  }
}

const consoleUrl = existsSync(join(consoleDir, 'index.html')) ? `${edgeUrl}/console/` : null;
const ready = {
  demo: demoOrigin,
  plain: `${demoOrigin}/plain.html`,
  edge: edgeUrl,
  receiver: receiverUrl,
  console: consoleUrl,
  dataDir,
  adminToken: secrets.HEADROOM_ADMIN_TOKEN,
  serverKey: secrets.HEADROOM_SERVER_KEY,
  secret: secrets.HEADROOM_SECRET,
};
if (json) {
  console.log(`HEADROOM_DEMO_READY ${JSON.stringify(ready)}`);
} else {
  console.log(`
  Acme Docs (demo)       ${demoOrigin}
  Plain HTML elements    ${demoOrigin}/plain.html
  Headroom edge          ${edgeUrl}
  Growth console         ${consoleUrl ?? '(apps/console not built yet)'}${consoleUrl ? `   admin token: ${secrets.HEADROOM_ADMIN_TOKEN}` : ''}
  Handoff receiver       ${receiverUrl}/handoffs  (handoffs print below)
  Data                   ${dataDir}   (npm run demo -- --reset to start clean)

  Open the demo, then "Demo account" (top right) to pick a scenario. Ctrl-C stops everything.
`);
}
