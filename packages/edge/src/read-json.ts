import type { Context } from 'hono';
import type * as z from 'zod/mini';
import { HttpError, toIssues } from './http-error.ts';

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 64 * 1024;

// One decoder for every request: non-streaming `decode` keeps no state between calls.
const utf8 = new TextDecoder();

const tooLarge = () => new HttpError(413, 'too_large', `request body is larger than ${MAX_BODY_BYTES} bytes`);

/** The Node request behind `@hono/node-server`, read directly: much cheaper than a web stream. */
export interface NodeIncoming {
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  resume(): unknown;
}

/**
 * Collects a Node request body with stream callbacks and calls `done` once: with the text, or
 * with the HttpError (413 past `MAX_BODY_BYTES`, declared or not; 400 when the stream fails).
 * After a 413 the rest is drained, so the answer can still be written on the socket.
 */
export function collectBody(
  incoming: NodeIncoming,
  contentLength: string | undefined,
  done: (error: HttpError | undefined, text: string) => void,
): void {
  let body: BodyCollector;
  try {
    body = new BodyCollector(contentLength);
  } catch (error) {
    done(error as HttpError, '');
    return;
  }
  let failed = false;
  incoming.on('data', (chunk) => {
    if (failed) return;
    try {
      body.add(chunk);
    } catch (error) {
      failed = true;
      done(error as HttpError, '');
    }
  });
  incoming.on('end', () => {
    if (!failed) done(undefined, body.text());
  });
  incoming.on('error', (error) => {
    if (failed) return;
    failed = true;
    done(new HttpError(400, 'invalid_body', `request body: ${error.message}`), '');
  });
}

/** Joins the chunks of a body and decodes them as UTF-8. */
function decodeChunks(chunks: Uint8Array[], size: number): string {
  if (chunks.length === 1) return utf8.decode(chunks[0]);
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return utf8.decode(all);
}

/** Collects chunks up to `MAX_BODY_BYTES`; `add` throws the 413 past it. */
class BodyCollector {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;

  constructor(declared: string | undefined) {
    if (Number(declared ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  }

  add(chunk: Uint8Array): void {
    this.size += chunk.byteLength;
    if (this.size > MAX_BODY_BYTES) throw tooLarge();
    this.chunks.push(chunk);
  }

  text(): string {
    return decodeChunks(this.chunks, this.size);
  }
}

/**
 * Reads a Node request body as UTF-8, stopping with 413 as soon as it passes `MAX_BODY_BYTES`
 * (whether or not a Content-Length was sent).
 */
export function readNodeBody(incoming: NodeIncoming, contentLength: string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    collectBody(incoming, contentLength, (error, text) => (error ? reject(error) : resolve(text)));
  });
}

/**
 * Reads the raw body as UTF-8, stopping with 413 as soon as it passes `MAX_BODY_BYTES`
 * (whether or not a Content-Length was sent).
 */
export async function readBodyText(c: Context): Promise<string> {
  const declared = c.req.header('content-length');
  const incoming = (c.env as { incoming?: NodeIncoming } | undefined)?.incoming;
  if (incoming && typeof incoming.on === 'function') return readNodeBody(incoming, declared);
  const body = new BodyCollector(declared);
  const reader = c.req.raw.body?.getReader();
  if (reader) {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        body.add(value);
      }
    } finally {
      reader.releaseLock();
    }
  }
  return body.text();
}

/**
 * Parses a body as JSON and validates it with `schema`.
 * @throws HttpError 400 `invalid_json` or `invalid_body` with every zod path.
 */
export function parseJsonBody<S extends z.ZodMiniType>(text: string, schema: S): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_json', 'request body is not valid JSON');
  }
  const result = schema.safeParse(value);
  if (!result.success)
    throw new HttpError(400, 'invalid_body', 'request body is invalid', toIssues(result.error.issues));
  return result.data;
}

/**
 * Reads the body as JSON whatever the content type (`sendBeacon` sends `text/plain`), then
 * validates it with `schema`.
 * @throws HttpError 413 past 64 KB, 400 `invalid_json` or `invalid_body` with every zod path.
 */
export async function readJson<S extends z.ZodMiniType>(c: Context, schema: S): Promise<z.output<S>> {
  return parseJsonBody(await readBodyText(c), schema);
}

/** The bearer credential of the `Authorization` header, if any. */
export function bearer(c: Context): string | undefined {
  const header = c.req.header('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}
