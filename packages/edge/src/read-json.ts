import type { Context } from 'hono';
import type * as z from 'zod/mini';
import { HttpError, toIssues } from './http-error.ts';

/**
 * Reads the body as JSON whatever the content type (`sendBeacon` sends `text/plain`), then
 * validates it with `schema`. The body limit middleware has already capped its size.
 * @throws HttpError 400 `invalid_json` or `invalid_body` with every zod path.
 */
export async function readJson<S extends z.ZodMiniType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
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
