import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPgliteStorage, type Storage, type StoredEvent } from '@headroom/edge';
import { type EdgeServer, type EdgeServerOptions, startEdgeServer } from '@headroom/edge/node';
import acme from '../../packages/core/examples/acme.config.json' with { type: 'json' };

export const SECRET = 'server-kit-secret-0123456789abcdef0123456789';
export const SERVER_KEY = 'server-kit-key-0123456789abcdef0123456789';
export const ADMIN = 'server-kit-admin-0123456789abcdef0123456789';

/** The real edge on PGlite, listening on 127.0.0.1 with a server key. */
export async function startRealEdge(
  over: Partial<EdgeServerOptions> = {},
): Promise<EdgeServer & { storage: Storage }> {
  const storage = await createPgliteStorage();
  const server = await startEdgeServer({
    storage,
    secret: SECRET,
    serverKey: SERVER_KEY,
    adminToken: ADMIN,
    config: acme,
    port: 0,
    rateLimit: false,
    log: () => {},
    delivery: 'manual',
    ...over,
  });
  return Object.assign(server, { storage });
}

/** Every event the edge stored, oldest first. */
export async function storedEvents(storage: Storage): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for await (const page of storage.exportEvents(0)) all.push(...page);
  return all;
}

export const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });

/** What the proxy does with one request: answer it with a fault, or pass it on. */
export type ProxyStep =
  | { status: number; headers?: Record<string, string> }
  | 'reset'
  | 'forward'
  | 'forward_then_reset';

export interface FaultProxy {
  url: string;
  /** Requests seen, faults included. */
  requests: number;
  close(): Promise<void>;
}

/**
 * A loopback proxy in front of the real edge that plays `steps` in order (then forwards):
 * error statuses, a reset connection, or a request the edge stores whose answer is lost.
 */
export async function startFaultProxy(target: string, steps: ProxyStep[]): Promise<FaultProxy> {
  const state = { requests: 0 };
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    state.requests++;
    const step = steps.shift() ?? 'forward';
    if (step === 'reset') {
      req.socket.destroy();
      return;
    }
    if (typeof step === 'object') {
      res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
      res.end(JSON.stringify({ error: { code: 'injected', message: `injected ${step.status}` } }));
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const answer = await fetch(`${target}${req.url}`, { method: req.method ?? 'GET', headers, body });
    const text = await answer.text();
    if (step === 'forward_then_reset') {
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/json',
    });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
