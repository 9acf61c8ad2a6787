import { type AccountClaims, eventSchema, type HeadroomEvent } from '@headroom/core';
import type { Hono } from 'hono';
import * as z from 'zod/mini';
import { constantTimeEqual } from '../constant-time-equal.ts';
import type { EdgeContext } from '../edge-context.ts';
import { maybeEscalate } from '../escalation.ts';
import { HttpError } from '../http-error.ts';
import type { PlainRoute } from '../plain-route.ts';
import { bearer, parseJsonBody, readJson } from '../read-json.ts';
import type { StoredEvent } from '../storage/storage.ts';
import { hasUnstorableText } from '../unstorable-text.ts';

/** Most events in one batch. */
export const MAX_EVENTS_PER_BATCH = 100;
/** Client clocks within this much of the server's are trusted as they are. */
const SKEW_TOLERANCE_MS = 2000;

const browserBatchSchema = z.object({
  token: z.string(),
  sentAt: z.optional(z.number().check(z.gte(0), z.lte(1e14))),
  events: z.array(z.unknown()).check(z.maxLength(MAX_EVENTS_PER_BATCH)),
});
const serverBatchSchema = z.object({
  events: z.array(z.unknown()).check(z.maxLength(MAX_EVENTS_PER_BATCH)),
});
const serverIdentity = z.object({
  accountId: z.string().check(z.minLength(1), z.maxLength(128)),
  userId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
});

interface BatchResult {
  accepted: number;
  duplicates: number;
  rejected: number;
}

async function store(ctx: EdgeContext, rows: StoredEvent[], rejected: number): Promise<BatchResult> {
  const inserted = await ctx.storage.insertEvents(rows);
  for (const account of new Set(rows.map((r) => r.accountId))) ctx.invalidateSignals(account);
  return { accepted: inserted.size, duplicates: rows.length - inserted.size, rejected };
}

/** `POST /v1/events`: a browser batch, the token in the body (`sendBeacon` sends `text/plain`). */
export const ingestBrowserEvents: PlainRoute = async (ctx, request, state) => {
  const body = parseJsonBody(await request.text(), ctx.schema(browserBatchSchema));
  const events = ctx.schema(eventSchema);
  const claims: AccountClaims = ctx.verifiedClaims(body.token) ?? (await ctx.verify(body.token));
  state.accountId = claims.sub;
  ctx.takeAccount(claims.sub, Math.max(1, Math.ceil(body.events.length / 20)));
  const receivedAt = ctx.now();
  const offset =
    body.sentAt !== undefined && Math.abs(receivedAt - body.sentAt) > SKEW_TOLERANCE_MS
      ? receivedAt - body.sentAt
      : 0;
  const rows: StoredEvent[] = [];
  let rejected = 0;
  for (const raw of body.events) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      rejected++;
      continue;
    }
    // Identity comes from the token only; whatever the browser claims is dropped.
    const { accountId: _a, userId: _u, ...rest } = raw as Record<string, unknown>;
    const parsed = events.safeParse(rest);
    // A browser can't be trusted with money: completions come from the server key only.
    // Text the store cannot keep rejects its event alone, not the batch.
    if (!parsed.success || parsed.data.type === 'upgrade_completed' || hasUnstorableText(raw)) {
      rejected++;
      continue;
    }
    const event: HeadroomEvent = { ...parsed.data, ts: Math.max(0, parsed.data.ts + offset) };
    rows.push({
      id: event.id,
      accountId: claims.sub,
      userId: claims.uid,
      type: event.type,
      ts: event.ts,
      receivedAt,
      source: 'browser',
      payload: event,
    });
  }
  ctx.rememberAccount(claims, request.waitUntil);
  const result = await store(ctx, rows, rejected);
  if (rows.some((r) => r.type === 'trigger_fired') && result.accepted > 0) {
    await maybeEscalate(ctx, claims, request.waitUntil);
  }
  return { status: 202, body: result };
};

/** `POST /v1/server/events`: the host backend's trusted events (server key). */
export function serverEventsRoute(app: Hono, ctx: EdgeContext): void {
  app.post('/v1/server/events', async (c) => {
    const key = ctx.options.serverKey;
    if (!key) throw new HttpError(404, 'not_found', 'server events are not enabled (HEADROOM_SERVER_KEY)');
    const presented = bearer(c);
    if (presented === undefined || !(await constantTimeEqual(presented, key))) {
      throw new HttpError(401, 'invalid_token', 'invalid server key');
    }
    const body = await readJson(c, ctx.schema(serverBatchSchema));
    const events = ctx.schema(eventSchema);
    const identities = ctx.schema(serverIdentity);
    const receivedAt = ctx.now();
    const rows: StoredEvent[] = [];
    let rejected = 0;
    for (const raw of body.events) {
      const identity = identities.safeParse(raw);
      const parsed = events.safeParse(raw);
      if (!identity.success || !parsed.success || hasUnstorableText(raw)) {
        rejected++;
        continue;
      }
      rows.push({
        id: parsed.data.id,
        accountId: identity.data.accountId,
        userId: identity.data.userId ?? null,
        type: parsed.data.type,
        ts: parsed.data.ts,
        receivedAt,
        source: 'server',
        payload: parsed.data,
      });
    }
    return c.json(await store(ctx, rows, rejected), 202);
  });
}
