import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createEventId, type HeadroomConfig } from '@headroom/core';
import * as z from 'zod';
import { claimsForScenario, traitsForScenario } from './claims-for-scenario.ts';
import { demoAccountId } from './demo-account-id.ts';
import { applyPatch, historyReadings, PRESETS, type Scenario, scenarioPatchSchema } from './scenario.ts';
import { type SessionStore, shortId } from './session-store.ts';
import { serveStatic } from './static-files.ts';

export interface DemoServerOptions {
  /** The active Headroom configuration (plans and prices for the demo checkout). */
  config: HeadroomConfig;
  /** Public URL of the Headroom edge the browser talks to. */
  endpoint: string;
  /** Signs account context claims (wraps `signAccountToken` with HEADROOM_SECRET). */
  signToken: (claims: ReturnType<typeof claimsForScenario>) => Promise<string>;
  /** Reports trusted events (`upgrade_completed`) to the edge's `/v1/server/events`. */
  reportServerEvents: (events: unknown[]) => Promise<void>;
  /**
   * Reports account traits (health, churn risk, active users…) to the edge's
   * `/v1/server/accounts`, as a CRM sync would, whenever the scenario changes.
   */
  reportAccountTraits?: (traits: Record<string, unknown>) => Promise<void>;
  sessions: SessionStore;
  /** Built app (vite build output); absent in API-only tests. */
  staticDir?: string | undefined;
  /** Wall clock. @default Date.now */
  now?: () => number;
  log?: (line: string) => void;
}

const COOKIE = 'acme_demo_sid';
const MAX_BODY = 16 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const checkoutSchema = z.object({
  plan: z.string().min(1).max(64),
  seats: z.number().int().min(1).max(100_000),
});
const apiCallsSchema = z.object({ n: z.number().int().min(1).max(1_000_000) });
const inviteSchema = z.object({ email: z.email().max(200) });

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'too_large', 'Body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (chunks.length === 0) return resolve({});
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new HttpError(400, 'invalid_json', 'Body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const message = result.error.issues
      .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
      .join('; ');
    throw new HttpError(400, 'invalid_body', message);
  }
  return result.data;
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

function sessionId(req: IncomingMessage): string | undefined {
  const cookie = req.headers.cookie ?? '';
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) {
      const value = rest.join('=');
      return /^[A-Za-z0-9_-]{16,64}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/**
 * The Acme Docs backend: mints account tokens for the demo session, keeps the scenario the
 * visitor picked, runs the fake checkout (reporting `upgrade_completed` like a billing webhook)
 * and serves the built app.
 */
export function createDemoServer(options: DemoServerOptions): Server {
  const { config, sessions } = options;
  const now = options.now ?? Date.now;

  async function api(req: IncomingMessage, res: ServerResponse, path: string, sid: string): Promise<void> {
    const method = req.method ?? 'GET';
    // Changes need a JSON content type: a cross-site form cannot send one without a CORS
    // preflight, which this server never grants (cheap CSRF protection for cookie sessions).
    if (
      method !== 'GET' &&
      method !== 'HEAD' &&
      !/^application\/json\b/.test(req.headers['content-type'] ?? '')
    ) {
      throw new HttpError(415, 'unsupported_media_type', 'Send JSON (content-type: application/json)');
    }
    const scenario = sessions.get(sid);
    const save = (next: Scenario) => {
      sessions.set(sid, next);
      // What the CRM knows reaches the edge as facts; a failure must not break the demo app.
      options
        .reportAccountTraits?.(traitsForScenario(next, now()))
        .catch((error: unknown) => options.log?.(`account traits not reported: ${String(error)}`));
      return next;
    };
    if (method === 'GET' && path === '/api/session') {
      return json(res, 200, {
        endpoint: options.endpoint,
        scenario,
        presets: Object.entries(PRESETS).map(([id, p]) => ({
          id,
          label: p.label,
          description: p.description,
        })),
        plans: Object.fromEntries(
          Object.entries(config.plans).map(([id, p]) => [
            id,
            { name: p.name, seatPrice: p.seatPrice ?? null },
          ]),
        ),
      });
    }
    if (method === 'GET' && path === '/api/token') {
      const token = await options.signToken(claimsForScenario(scenario, now()));
      return json(res, 200, { token });
    }
    if (method === 'PUT' && path === '/api/scenario') {
      const patch = parse(scenarioPatchSchema, await readBody(req));
      // A preset starts a fresh account, one no trigger holds out.
      const next = save(applyPatch(scenario, patch, () => demoAccountId(config.triggers)));
      // A preset with a usage history (the forecast play): billing reports the days before today.
      const history = patch.preset === undefined ? undefined : PRESETS[patch.preset]?.history;
      if (history) {
        await options
          .reportServerEvents(
            historyReadings(history, next.usage[history.meter], now()).map(({ ts, value }) => ({
              id: createEventId(ts),
              ts,
              type: 'usage',
              accountId: next.accountId,
              meter: history.meter,
              value,
            })),
          )
          .catch((error: unknown) => options.log?.(`usage history not reported: ${String(error)}`));
      }
      return json(res, 200, { scenario: next });
    }
    if (method === 'POST' && path === '/api/scenario/new-account') {
      return json(res, 200, { scenario: save({ ...scenario, accountId: demoAccountId(config.triggers) }) });
    }
    if (method === 'POST' && path === '/api/documents') {
      const next = save({ ...scenario, usage: { ...scenario.usage, docs: scenario.usage.docs + 1 } });
      return json(res, 201, { docs: next.usage.docs });
    }
    if (method === 'POST' && path === '/api/api-calls') {
      const { n } = parse(apiCallsSchema, await readBody(req));
      const next = save({
        ...scenario,
        usage: { ...scenario.usage, api_calls: scenario.usage.api_calls + n },
      });
      return json(res, 200, { api_calls: next.usage.api_calls });
    }
    if (method === 'POST' && path === '/api/team/invites') {
      parse(inviteSchema, await readBody(req));
      return json(res, 201, { inviteId: `inv_${shortId()}` });
    }
    if (method === 'POST' && path === '/api/checkout') {
      const { plan, seats } = parse(checkoutSchema, await readBody(req));
      const planConfig = config.plans[plan];
      const price = planConfig?.seatPrice;
      if (!planConfig || price === null || price === undefined) {
        throw new HttpError(400, 'not_self_serve', `Plan "${plan}" cannot be bought online`);
      }
      const order = config.upgradePath.indexOf(plan);
      if (order <= config.upgradePath.indexOf(scenario.plan)) {
        throw new HttpError(
          400,
          'not_an_upgrade',
          `Plan "${plan}" is not an upgrade from "${scenario.plan}"`,
        );
      }
      // Prices and the account come from the server side, never from the browser.
      const newAcv = price * seats;
      const amount = Math.max(0, newAcv - scenario.acv);
      await options.reportServerEvents([
        {
          id: createEventId(now()),
          ts: now(),
          type: 'upgrade_completed',
          accountId: scenario.accountId,
          userId: scenario.userId,
          plan,
          seats,
          amount,
          currency: 'USD',
        },
      ]);
      const next = save({ ...scenario, plan, seats, acv: newAcv });
      options.log?.(`checkout: ${next.accountId} → ${plan} × ${seats} seats, +$${amount}`);
      return json(res, 201, { plan, seats, amount, acv: newAcv });
    }
    throw new HttpError(404, 'not_found', `No route ${method} ${path}`);
  }

  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    let sid = sessionId(req);
    const headers: Record<string, string> = {};
    if (!sid) {
      sid = sessions.newId();
      headers['set-cookie'] = `${COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000`;
    }
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (path === '/healthz') return json(res, 200, { ok: true });
    if (path.startsWith('/api/')) {
      api(req, res, path, sid).catch((error: unknown) => {
        if (error instanceof HttpError) {
          json(res, error.status, { error: { code: error.code, message: error.message } });
        } else {
          options.log?.(`demo api error: ${error instanceof Error ? error.stack : String(error)}`);
          json(res, 502, {
            error: { code: 'upstream', message: 'The demo backend could not complete that' },
          });
        }
      });
      return;
    }
    const dir = options.staticDir;
    if (dir && (req.method === 'GET' || req.method === 'HEAD')) {
      if (path !== '/' && serveStatic(dir, path, req, res)) return;
      if (path === '/plain' && serveStatic(dir, '/plain.html', req, res)) return;
      // Client-side routes all load the app shell.
      if (!path.includes('.') && serveStatic(dir, '/index.html', req, res)) return;
    }
    json(res, 404, { error: { code: 'not_found', message: 'Not found' } });
  });
}
