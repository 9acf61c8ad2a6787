import type { Context } from 'hono';
import { constantTimeEqual } from './constant-time-equal.ts';
import type { EdgeContext } from './edge-context.ts';
import { HttpError } from './http-error.ts';
import { bearer } from './read-json.ts';

/**
 * The `/v1/server/*` routes are for the host's backend only (`HEADROOM_SERVER_KEY`).
 * @throws HttpError 404 when no server key is configured, 401 for a missing or wrong one.
 */
export async function requireServerKey(c: Context, ctx: EdgeContext): Promise<void> {
  const key = ctx.options.serverKey;
  if (!key) throw new HttpError(404, 'not_found', 'server routes are not enabled (HEADROOM_SERVER_KEY)');
  const presented = bearer(c);
  if (presented === undefined || !(await constantTimeEqual(presented, key))) {
    throw new HttpError(401, 'invalid_token', 'invalid server key');
  }
}
