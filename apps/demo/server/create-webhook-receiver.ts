import { createServer, type Server } from 'node:http';

/** One handoff as the receiver recorded it. */
export interface ReceivedHandoff {
  id: string;
  receivedAt: string;
  deliveries: number;
  payload: unknown;
}

export interface WebhookReceiverOptions {
  /** Verifies the signature header against the raw body (the edge's `verifyWebhookSignature`). */
  verify: (rawBody: string, headers: Record<string, string | undefined>) => Promise<boolean>;
  /** Called once per new handoff id (deliveries are at least once; this dedupes). */
  onHandoff?: (handoff: ReceivedHandoff) => void;
  log?: (line: string) => void;
}

const MAX_BODY = 256 * 1024;

function handoffId(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const record = payload as Record<string, unknown>;
  const nested = record.handoff;
  const id =
    record.id ??
    (typeof nested === 'object' && nested !== null ? (nested as Record<string, unknown>).id : undefined);
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

/**
 * What a CRM / chat integration would run: accepts signed CS handoffs at `POST /handoffs`,
 * rejects bad signatures with 401, dedupes by handoff id, and lists what it got at
 * `GET /handoffs` (for the demo's tests).
 */
export function createWebhookReceiver(options: WebhookReceiverOptions): Server {
  const received = new Map<string, ReceivedHandoff>();
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/healthz') return reply(200, { ok: true });
    if (url.pathname !== '/handoffs')
      return reply(404, { error: { code: 'not_found', message: 'Not found' } });
    if (req.method === 'GET') return reply(200, { handoffs: [...received.values()] });
    if (req.method !== 'POST')
      return reply(405, { error: { code: 'method_not_allowed', message: 'POST only' } });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', async () => {
      if (size > MAX_BODY) return reply(413, { error: { code: 'too_large', message: 'Body too large' } });
      const raw = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(',') : v;
      let ok = false;
      try {
        ok = await options.verify(raw, headers);
      } catch {
        ok = false;
      }
      if (!ok) {
        options.log?.('rejected a handoff with a bad signature');
        return reply(401, { error: { code: 'invalid_signature', message: 'Bad signature' } });
      }
      let payload: unknown;
      try {
        payload = JSON.parse(raw);
      } catch {
        return reply(400, { error: { code: 'invalid_json', message: 'Body is not JSON' } });
      }
      // The edge names the handoff in a header; fall back to the payload's id.
      const id = headers['headroom-handoff-id'] ?? handoffId(payload);
      if (!id) return reply(400, { error: { code: 'invalid_body', message: 'Handoff without an id' } });
      const existing = received.get(id);
      if (existing) {
        existing.deliveries += 1;
        return reply(200, { ok: true, duplicate: true });
      }
      const handoff = { id, receivedAt: new Date().toISOString(), deliveries: 1, payload };
      received.set(id, handoff);
      options.onHandoff?.(handoff);
      reply(200, { ok: true });
    });
  });
}
