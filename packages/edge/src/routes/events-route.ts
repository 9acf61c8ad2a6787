import { type AccountClaims, eventSchema, type HeadroomEvent } from '@headroom/core';
import type { Hono } from 'hono';
import * as z from 'zod/mini';
import type { EdgeContext } from '../edge-context.ts';
import { admitEvent, browserRetentionDays, type Rejection } from '../event-admission.ts';
import { experimentWindows } from '../experiment-windows.ts';
import { keepExperiments } from '../keep-experiments.ts';
import type { PlainRoute } from '../plain-route.ts';
import { parseJsonBody, readJson } from '../read-json.ts';
import { requireServerKey } from '../require-server-key.ts';
import { type StoredEvent, storedEventKey } from '../storage/storage.ts';
import { hasUnstorableText } from '../unstorable-text.ts';

/** Most events in one batch. */
export const MAX_EVENTS_PER_BATCH = 100;
/** Client clocks within this much of the server's are trusted as they are. */
const SKEW_TOLERANCE_MS = 2000;

export const browserBatchSchema = z.object({
  token: z.string(),
  sentAt: z.optional(z.number().check(z.gte(0), z.lte(1e14))),
  events: z.array(z.unknown()).check(z.maxLength(MAX_EVENTS_PER_BATCH)),
});
export const serverBatchSchema = z.object({
  events: z.array(z.unknown()).check(z.maxLength(MAX_EVENTS_PER_BATCH)),
});
export const serverIdentity = z.object({
  accountId: z.string().check(z.minLength(1), z.maxLength(128)),
  userId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
});

interface BatchResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Why each refused event was refused (present when any was; at most 20 listed). */
  rejections?: Rejection[];
}

/** Event types that change what an account has done (and so its triggers). */
const FACT_TYPES: ReadonlySet<string> = new Set([
  'usage',
  'gate_hit',
  'invite_sent',
  'invite_accepted',
  'upgrade_completed',
]);

/** Billing events: what the account pays, never a browser's claim. */
const SERVER_ONLY: ReadonlySet<string> = new Set([
  'upgrade_completed',
  'subscription_changed',
  'subscription_canceled',
]);

/** Whether a newly stored event can move a fire episode's funnel steps. */
const movesFunnel = ({ type, source }: StoredEvent) =>
  source === 'browser' ? type === 'prompt_shown' || type === 'prompt_clicked' : type === 'upgrade_completed';

async function store(
  ctx: EdgeContext,
  rows: StoredEvent[],
  rejections: Rejection[],
  changed = new Set<string>(),
): Promise<BatchResult> {
  const inserted = await ctx.storage.insertEvents(rows);
  const stored = rows.filter((row) => inserted.has(storedEventKey(row)));
  if (stored.some((row) => row.type === 'exposure' || row.source === 'server'))
    await keepExperiments(ctx.storage, stored, experimentWindows((await ctx.config()).config));
  // Every account whose facts changed is re-evaluated right behind the answer (at most once a
  // second per account); reports settle what is pending before they read.
  for (const row of rows) {
    if (FACT_TYPES.has(row.type) && inserted.has(storedEventKey(row))) changed.add(row.accountId);
  }
  for (const account of changed) ctx.accounts.schedule(account);
  // Prompts shown or clicked and server upgrades move fire episodes' funnel steps: kept with the
  // account's next evaluation (at most once a second), not on this request's path.
  for (const row of stored) if (movesFunnel(row)) ctx.accounts.scheduleFunnel(row.accountId);
  const result: BatchResult = {
    accepted: inserted.size,
    duplicates: rows.length - inserted.size,
    rejected: rejections.length,
  };
  if (rejections.length > 0) result.rejections = rejections.slice(0, 20);
  return result;
}

const invalidEvent = (index: number, message: string): Rejection => ({
  index,
  code: 'invalid_event',
  message,
});

/** `POST /v1/events`: a browser batch, the token in the body (`sendBeacon` sends `text/plain`). */
export const ingestBrowserEvents: PlainRoute = async (ctx, request, state) => {
  const body = parseJsonBody(await request.text(), ctx.schema(browserBatchSchema));
  const events = ctx.schema(eventSchema);
  const claims: AccountClaims = ctx.verifiedClaims(body.token) ?? (await ctx.verify(body.token));
  state.accountId = claims.sub;
  ctx.takeAccount(claims.sub, Math.max(1, Math.ceil(body.events.length / 20)));
  ctx.takeEvents(claims.sub, body.events.length);
  // The token's claims are facts too; they are in place before the batch is evaluated.
  const remembered = ctx.rememberAccount(claims);
  const receivedAt = ctx.now();
  const vocabulary = await ctx.vocabulary();
  const offset =
    body.sentAt !== undefined && Math.abs(receivedAt - body.sentAt) > SKEW_TOLERANCE_MS
      ? receivedAt - body.sentAt
      : 0;
  const admission = {
    now: receivedAt,
    retentionDays: browserRetentionDays(ctx.options),
    vocabulary,
    accountId: claims.sub,
    userId: claims.uid,
  };
  const rows: StoredEvent[] = [];
  const rejections: Rejection[] = [];
  body.events.forEach((raw, index) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      rejections.push(invalidEvent(index, 'an event must be an object'));
      return;
    }
    // Identity comes from the token only; whatever the browser claims is dropped.
    const { accountId: _a, userId: _u, ...rest } = raw as Record<string, unknown>;
    const parsed = events.safeParse(rest);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      rejections.push(
        invalidEvent(index, `${issue?.path.join('.') || 'event'}: ${issue?.message ?? 'invalid'}`),
      );
      return;
    }
    // A browser can't be trusted with money: billing events come from the server key only.
    if (SERVER_ONLY.has(parsed.data.type)) {
      rejections.push({
        index,
        code: 'browser_conversion',
        message: `${parsed.data.type} is accepted from the server key only`,
      });
      return;
    }
    // Text the store cannot keep (NUL, a lone surrogate) rejects its event alone, not the batch.
    if (hasUnstorableText(raw)) {
      rejections.push({
        index,
        code: 'unstorable_text',
        message: 'a string holds a NUL or an unpaired surrogate',
      });
      return;
    }
    const event: HeadroomEvent = { ...parsed.data, ts: Math.max(0, parsed.data.ts + offset) };
    const refused = admitEvent(event, index, admission);
    if (refused) {
      rejections.push(refused);
      return;
    }
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
  });
  // New token claims are new facts even when the batch holds only telemetry.
  const changed = new Set<string>((await remembered) ? [claims.sub] : []);
  return { status: 202, body: await store(ctx, rows, rejections, changed) };
};

/** `POST /v1/server/events`: the host backend's trusted events (server key). */
export function serverEventsRoute(app: Hono, ctx: EdgeContext): void {
  app.post('/v1/server/events', async (c) => {
    await requireServerKey(c, ctx);
    const body = await readJson(c, ctx.schema(serverBatchSchema));
    const events = ctx.schema(eventSchema);
    const identities = ctx.schema(serverIdentity);
    const receivedAt = ctx.now();
    const vocabulary = await ctx.vocabulary();
    const rows: StoredEvent[] = [];
    const rejections: Rejection[] = [];
    body.events.forEach((raw, index) => {
      const identity = identities.safeParse(raw);
      const parsed = events.safeParse(raw);
      if (!identity.success || !parsed.success) {
        const issue = (identity.success ? parsed.error : identity.error)?.issues[0];
        rejections.push(
          invalidEvent(index, `${issue?.path.join('.') || 'event'}: ${issue?.message ?? 'invalid'}`),
        );
        return;
      }
      if (hasUnstorableText(raw)) {
        rejections.push({
          index,
          code: 'unstorable_text',
          message: 'a string holds a NUL or an unpaired surrogate',
        });
        return;
      }
      const refused = admitEvent(parsed.data, index, {
        now: receivedAt,
        // The backend reports history it owns (billing): only the future is refused.
        retentionDays: Number.POSITIVE_INFINITY,
        vocabulary,
        accountId: identity.data.accountId,
        userId: identity.data.userId ?? null,
      });
      if (refused) {
        rejections.push(refused);
        return;
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
    });
    return c.json(await store(ctx, rows, rejections), 202);
  });
}
