import type { Context } from 'hono';
import { authenticateBearer } from './authenticate-bearer.ts';
import type { EdgeContext } from './edge-context.ts';
import { HttpError } from './http-error.ts';
import { bearer } from './read-json.ts';

/**
 * The `/v1/server/*` routes are for the host's backend only (`HEADROOM_SERVER_KEY`); wrong
 * keys are rate limited per IP like admin tokens.
 * @throws HttpError 404 when no server key is configured, 401 for a missing or wrong one, 429.
 */
export async function requireServerKey(c: Context, ctx: EdgeContext): Promise<void> {
  const key = ctx.options.serverKey;
  if (!key) throw new HttpError(404, 'not_found', 'server routes are not enabled (HEADROOM_SERVER_KEY)');
  await authenticateBearer(ctx, c.get('request').ip, bearer(c), key, 'server key');
}
