import type { Context } from 'hono';

/**
 * Answers 200 JSON with the headers the request middleware left pending for it, as a Response
 * with plain-object headers: on Node the adapter then writes it directly instead of going
 * through a `Headers` instance (≈ 10 % of the hot route's throughput). Falls back to `c.json`.
 */
export function jsonResponse(c: Context, body: unknown): Response {
  const pending = c.get('responseHeaders');
  if (pending === undefined) return c.json(body);
  c.set('responseHeaders', undefined);
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/json', ...pending },
  });
}
