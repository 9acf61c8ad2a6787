import type { Context } from 'hono';
import type * as z from 'zod/mini';
import { HttpError, toIssues } from './http-error.ts';

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 64 * 1024;

// One decoder for every request: non-streaming `decode` keeps no state between calls.
const utf8 = new TextDecoder();

const tooLarge = () => new HttpError(413, 'too_large', `request body is larger than ${MAX_BODY_BYTES} bytes`);

/** The Node request behind `@hono/node-server`, read directly: much cheaper than a web stream. */
interface NodeIncoming {
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  resume(): unknown;
}

function readIncoming(incoming: NodeIncoming, add: (chunk: Uint8Array) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed = false;
    incoming.on('data', (chunk) => {
      if (failed) return;
      try {
        add(chunk);
      } catch (error) {
        // Stop buffering but keep draining, so the 413 can still be written on this socket.
        failed = true;
        reject(error);
      }
    });
    incoming.on('end', () => resolve());
    incoming.on('error', (error) =>
      reject(new HttpError(400, 'invalid_body', `request body: ${error.message}`)),
    );
  });
}

/**
 * Reads the raw body as UTF-8, stopping with 413 as soon as it passes `MAX_BODY_BYTES`
 * (whether or not a Content-Length was sent).
 */
export async function readBodyText(c: Context): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const add = (chunk: Uint8Array) => {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk);
  };
  const incoming = (c.env as { incoming?: NodeIncoming } | undefined)?.incoming;
  if (incoming && typeof incoming.on === 'function') {
    await readIncoming(incoming, add);
  } else {
    const reader = c.req.raw.body?.getReader();
    if (reader) {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          add(value);
        }
      } finally {
        reader.releaseLock();
      }
    }
  }
  if (chunks.length === 1) return utf8.decode(chunks[0]);
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return utf8.decode(all);
}

/**
 * Reads the body as JSON whatever the content type (`sendBeacon` sends `text/plain`), then
 * validates it with `schema`.
 * @throws HttpError 413 past 64 KB, 400 `invalid_json` or `invalid_body` with every zod path.
 */
export async function readJson<S extends z.ZodMiniType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await readBodyText(c);
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

/** The bearer credential of the `Authorization` header, if any. */
export function bearer(c: Context): string | undefined {
  const header = c.req.header('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}
