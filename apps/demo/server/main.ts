// The Acme Docs backend as a process: `node --conditions=@headroom/source --import tsx
// apps/demo/server/main.ts --port 5173 --config FILE --endpoint URL --data-dir DIR --static DIR`.
// Needs HEADROOM_SECRET (signs account tokens) and HEADROOM_SERVER_KEY (reports upgrades).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defineConfig } from '@headroom/core';
import { signAccountToken } from '@headroom/edge/token';
import { createDemoServer } from './create-demo-server.ts';
import { demoAccountId } from './demo-account-id.ts';
import { createSessionStore } from './session-store.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5173' },
    host: { type: 'string', default: '127.0.0.1' },
    config: { type: 'string' },
    endpoint: { type: 'string', default: 'http://127.0.0.1:8787' },
    'data-dir': { type: 'string', default: '.headroom' },
    static: { type: 'string' },
  },
});

const secret = process.env.HEADROOM_SECRET;
const serverKey = process.env.HEADROOM_SERVER_KEY;
if (!secret || !serverKey || !values.config) {
  console.error(
    'Usage: HEADROOM_SECRET=… HEADROOM_SERVER_KEY=… main.ts --config FILE [--port N] [--endpoint URL]',
  );
  process.exit(2);
}

const config = defineConfig(JSON.parse(readFileSync(values.config, 'utf8')));
const endpoint = values.endpoint.replace(/\/$/, '');

const server = createDemoServer({
  config,
  endpoint,
  sessions: createSessionStore(values['data-dir'], () => demoAccountId(config.triggers)),
  staticDir: values.static,
  // Short-lived tokens: the SDK asks for a fresh one when the edge answers 401.
  signToken: (claims) => signAccountToken(claims, secret, { expiresIn: 15 * 60 }),
  async reportServerEvents(events) {
    const res = await fetch(`${endpoint}/v1/server/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${serverKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    if (res.status !== 202)
      throw new Error(`Headroom refused the billing event: ${res.status} ${await res.text()}`);
  },
  async reportAccountTraits(traits) {
    const res = await fetch(`${endpoint}/v1/server/accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${serverKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(traits),
    });
    if (!res.ok) throw new Error(`Headroom refused the account traits: ${res.status} ${await res.text()}`);
  },
  log: (line) => console.log(line),
});

server.listen(Number(values.port), values.host, () => {
  console.log(`Acme Docs backend on http://${values.host}:${values.port}`);
});

const shutdown = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
