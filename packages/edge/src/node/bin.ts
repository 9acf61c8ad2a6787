#!/usr/bin/env node
// `headroom-edge --config FILE --port N [--host 127.0.0.1] [--console DIR]`: the Node server.
// Environment: HEADROOM_SECRET (required), HEADROOM_ADMIN_TOKEN, HEADROOM_ADMIN_TOKENS
// (label:token,… — each publish records its token's label), DATABASE_URL,
// HEADROOM_DATA_DIR, HEADROOM_HANDOFF_WEBHOOK, HEADROOM_WEBHOOK_SECRET,
// HEADROOM_ALLOWED_ORIGINS, HEADROOM_SERVER_KEY, HEADROOM_TRUST_PROXY (number of proxies that append
// to X-Forwarded-For), HEADROOM_DEV (accept secrets shorter than 32 bytes: local development only),
// HEADROOM_{HEADERS,REQUEST,IDLE,KEEP_ALIVE}_TIMEOUT_MS, HEADROOM_MAX_CONNECTIONS[_PER_IP],
// HEADROOM_REDIS_URL (rate limits shared by every instance), HEADROOM_REQUIRE_IF_MATCH (config
// publishes must carry If-Match), HEADROOM_EVENT_RETENTION_DAYS (browser events kept, default 400).
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseAdminTokens } from '../admin-tokens.ts';
import { assertStrongSecrets } from '../assert-strong-secrets.ts';
import { createPgliteStorage } from '../storage/pglite-storage.ts';
import { createPostgresStorage } from '../storage/postgres-storage.ts';
import { createJsonLineLogger } from './json-line-logger.ts';
import { serverSettingsFromEnv } from './server-env.ts';
import { startEdgeServer } from './start-edge-server.ts';

const logger = createJsonLineLogger((chunk) => process.stdout.write(chunk));
const log = (level: 'info' | 'warn' | 'error', msg: string, extra: Record<string, unknown> = {}) =>
  logger.log({ level, msg, ...extra });
// Buffered lines must reach stdout before any exit.
process.on('exit', () => logger.flush());

const USAGE = `Usage: headroom-edge --config FILE --port N [--host 127.0.0.1] [--console DIR]

Serves the Headroom edge API (and the growth console, from a built console folder) on Node.
  --config FILE    the configuration published as version 1 when the store has none yet
  --port N         the port to listen on (0: any free port; the URL is logged)
  --host ADDRESS   the address to listen on (default 127.0.0.1)
  --console DIR    serve the built growth console at /console/
  --help, --version

Environment: HEADROOM_SECRET (required: the HS256 secret shared with your backend, 32+ bytes),
HEADROOM_ADMIN_TOKEN, HEADROOM_ADMIN_TOKENS (label:token,… one admin token per person or tool;
the config history records who published), HEADROOM_SERVER_KEY, DATABASE_URL (Postgres; embedded PGlite otherwise),
HEADROOM_DATA_DIR, HEADROOM_HANDOFF_WEBHOOK, HEADROOM_WEBHOOK_SECRET, HEADROOM_ALLOWED_ORIGINS,
HEADROOM_TRUST_PROXY, HEADROOM_REDIS_URL, HEADROOM_REQUIRE_IF_MATCH, HEADROOM_DEV, timeouts and
connection caps (HEADROOM_*_TIMEOUT_MS, HEADROOM_MAX_CONNECTIONS[_PER_IP]); see the README.
`;

/** The command line, or one clear line and exit 2 for an option it does not know. */
function readArgs() {
  try {
    return parseArgs({
      args: process.argv.slice(2).filter((a) => a !== '--'),
      options: {
        config: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        console: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    }).values;
  } catch (error) {
    // Node's own message names the option, then explains positionals: the first sentence is enough.
    const message = (error instanceof Error ? error.message.split('. ')[0] : undefined) ?? String(error);
    process.stderr.write(
      `headroom-edge: ${message.charAt(0).toLowerCase()}${message.slice(1)} (headroom-edge --help lists the options)\n`,
    );
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const values = readArgs();
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (values.version) {
    // package.json sits two folders up from src/node and dist/node alike.
    process.stdout.write(`${createRequire(import.meta.url)('../../package.json').version}\n`);
    return;
  }
  const env = process.env;
  // `pnpm edge` runs in the package folder; paths are meant relative to where it was typed.
  const cwd = env.INIT_CWD ?? process.cwd();
  const secret = env.HEADROOM_SECRET;
  if (!secret) {
    log('error', 'HEADROOM_SECRET is required (the HS256 secret shared with your backend)');
    process.exit(1);
  }
  const development = env.HEADROOM_DEV === '1' || env.HEADROOM_DEV === 'true';
  const webhookSecret = env.HEADROOM_WEBHOOK_SECRET || undefined;
  // Before the store is opened: a weak secret is an operator error to fix, not to run with.
  let adminTokens: ReturnType<typeof parseAdminTokens> | undefined;
  try {
    adminTokens = env.HEADROOM_ADMIN_TOKENS ? parseAdminTokens(env.HEADROOM_ADMIN_TOKENS) : undefined;
    assertStrongSecrets({
      secret,
      adminToken: env.HEADROOM_ADMIN_TOKEN || undefined,
      adminTokens,
      serverKey: env.HEADROOM_SERVER_KEY || undefined,
      webhookSecret,
      development,
    });
  } catch (error) {
    log('error', error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  if (development) log('warn', 'HEADROOM_DEV is set: short secrets are accepted (never in production)');
  let settings: ReturnType<typeof serverSettingsFromEnv>;
  try {
    settings = serverSettingsFromEnv(env);
  } catch (error) {
    log('error', `invalid environment: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const port = values.port === undefined ? Number(env.PORT ?? 8787) : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    log('error', `invalid --port ${values.port}`);
    process.exit(1);
  }
  const config = values.config ? JSON.parse(await readFile(resolve(cwd, values.config), 'utf8')) : undefined;
  let storage: Awaited<ReturnType<typeof createPgliteStorage>>;
  if (env.DATABASE_URL) {
    storage = await createPostgresStorage(env.DATABASE_URL);
    log('info', 'storage: postgres');
  } else {
    const dir = resolve(cwd, env.HEADROOM_DATA_DIR ?? '.headroom', 'pglite');
    await mkdir(dir, { recursive: true });
    storage = await createPgliteStorage(dir);
    log('info', 'storage: pglite', { dir });
  }
  const origins = env.HEADROOM_ALLOWED_ORIGINS?.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (!origins?.length) log('warn', 'HEADROOM_ALLOWED_ORIGINS is not set: every browser origin is allowed');
  if (!env.HEADROOM_HANDOFF_WEBHOOK)
    log('warn', 'HEADROOM_HANDOFF_WEBHOOK is not set: handoffs stay pending');
  const consoleDir = values.console
    ? resolve(cwd, values.console)
    : fileURLToPath(new URL('../../../../apps/console/dist', import.meta.url));
  const server = await startEdgeServer({
    storage,
    secret,
    adminToken: env.HEADROOM_ADMIN_TOKEN || undefined,
    adminTokens,
    serverKey: env.HEADROOM_SERVER_KEY || undefined,
    development,
    allowedOrigins: origins?.length ? origins : '*',
    webhook: env.HEADROOM_HANDOFF_WEBHOOK
      ? { url: env.HEADROOM_HANDOFF_WEBHOOK, secret: webhookSecret }
      : undefined,
    config,
    port,
    host: values.host ?? '127.0.0.1',
    consoleDir,
    log: logger.log,
    ...settings,
    redisUrl: env.HEADROOM_REDIS_URL || undefined,
    requireIfMatch: env.HEADROOM_REQUIRE_IF_MATCH === '1' || env.HEADROOM_REQUIRE_IF_MATCH === 'true',
  });
  log('info', `listening on ${server.url}`, { url: server.url });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', 'shutting down', { signal });
    // Never hang forever on a stuck socket or webhook.
    setTimeout(() => {
      log('error', 'shutdown timed out');
      process.exit(1);
    }, 15_000).unref();
    server.close().then(
      () => {
        log('info', 'stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log('error', 'shutdown failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  log('error', 'failed to start', { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
