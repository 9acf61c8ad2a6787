import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// JSON.stringify escapes a NUL as \u0000 and a lone surrogate as \udXXX (paired ones stay raw).
const UNSTORABLE = /\\u0000|\\ud[89a-f][0-9a-f]{2}/;

export type Fault = 'ok' | 500 | 503 | 429 | 'reset' | 'stored_then_reset';

export interface Receiver {
  url: string;
  /** Events by id, first arrival wins (what a deduping store keeps). */
  stored: Map<string, Record<string, unknown>>;
  stats: {
    requests: number;
    arrivals: number;
    duplicates: number;
    /** Batches refused with 400 for unstorable text. */
    refused: number;
    faults: Record<string, number>;
  };
  close(): Promise<void>;
}

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });

/**
 * A small `POST /v1/events` receiver on 127.0.0.1 that dedupes by event id, with a fault
 * chosen per request by `fault()`: error statuses, 429 with Retry-After, a reset connection
 * before storing, or a reset after storing (the answer is lost, so the client must resend).
 */
export async function startReceiver(fault: () => Fault): Promise<Receiver> {
  const stored = new Map<string, Record<string, unknown>>();
  const stats: Receiver['stats'] = { requests: 0, arrivals: 0, duplicates: 0, refused: 0, faults: {} };
  const server: Server = createServer(async (req, res): Promise<void> => {
    const text = await body(req);
    if (req.method !== 'POST' || req.url !== '/v1/events') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'not_found', message: 'not found' } }));
      return;
    }
    stats.requests++;
    const f = fault();
    stats.faults[String(f)] = (stats.faults[String(f)] ?? 0) + 1;
    if (f === 'reset') {
      req.socket.destroy();
      return;
    }
    if (f === 500 || f === 503 || f === 429) {
      res.writeHead(f, { 'content-type': 'application/json', ...(f === 429 ? { 'retry-after': '1' } : {}) });
      res.end(JSON.stringify({ error: { code: 'injected', message: `injected ${f}` } }));
      return;
    }
    let parsed: { events?: Array<Record<string, unknown>> };
    try {
      parsed = JSON.parse(text);
    } catch {
      res.writeHead(400).end();
      return;
    }
    // Like a strict edge: a batch holding text the store cannot keep (a NUL, a lone
    // surrogate) is refused whole with 400; the client must find the bad events itself.
    if ((parsed.events ?? []).some((e) => UNSTORABLE.test(JSON.stringify(e.props ?? {})))) {
      stats.refused++;
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'invalid_body', message: 'unstorable text' } }));
      return;
    }
    let accepted = 0;
    let duplicates = 0;
    for (const event of parsed.events ?? []) {
      stats.arrivals++;
      const id = String(event.id);
      if (stored.has(id)) duplicates++;
      else {
        stored.set(id, event);
        accepted++;
      }
    }
    stats.duplicates += duplicates;
    if (f === 'stored_then_reset') {
      req.socket.destroy();
      return;
    }
    res.writeHead(202, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ accepted, duplicates, rejected: 0 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stored,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
