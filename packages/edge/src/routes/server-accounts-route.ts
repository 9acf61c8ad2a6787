import { segmentSchema } from '@headroom/core';
import type { Hono } from 'hono';
import * as z from 'zod/mini';
import type { EdgeContext } from '../edge-context.ts';
import { MAX_FUTURE_MS } from '../event-admission.ts';
import { HttpError } from '../http-error.ts';
import { parseJsonBody, readBodyText } from '../read-json.ts';
import { requireServerKey } from '../require-server-key.ts';
import type { AccountFact } from '../storage/storage.ts';

const isoDate = z.string().check(
  z.maxLength(64),
  z.refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO date'),
);
const count = z.int().check(z.gte(0), z.lte(10_000_000));

/** Account traits the host's backend knows and the browser must not be trusted with. */
const traitsSchema = z.strictObject({
  accountId: z.string().check(z.minLength(1), z.maxLength(200)),
  /** When the backend observed these values (ms or ISO); defaults to when the edge received them. */
  observedAt: z.optional(z.union([z.number().check(z.gte(0), z.lte(1e14)), isoDate])),
  plan: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  acv: z.optional(z.number().check(z.gte(0), z.lte(1e12))),
  segment: z.optional(segmentSchema),
  seats: z.optional(count),
  activatedAt: z.optional(isoDate),
  health: z.optional(z.number().check(z.gte(0), z.lte(100))),
  churnRisk: z.optional(z.boolean()),
  renewalDate: z.optional(isoDate),
  activeUsers: z.optional(count),
  employees: z.optional(count),
  /** Custom numeric or boolean traits, e.g. `{ "nps": 9, "exec_sponsor": true }`. */
  traits: z.optional(
    z.record(
      z
        .string()
        .check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits, _ . -')),
      z.union([z.number(), z.boolean()]),
    ),
  ),
});
/** Up to 100 accounts at once. */
const batchSchema = z.strictObject({
  accounts: z.array(traitsSchema).check(z.minLength(1), z.maxLength(100)),
});
type Traits = z.output<typeof traitsSchema>;
const FACT_NAMES = [
  'plan',
  'acv',
  'segment',
  'seats',
  'activatedAt',
  'health',
  'churnRisk',
  'renewalDate',
  'activeUsers',
  'employees',
] as const;

/**
 * `POST /v1/server/accounts` (server key): upserts account traits. Each trait is a fact
 * observed at `observedAt`; per fact, the newest observation wins over older traits and older
 * token claims (a token's claims are observed at its `iat`). Unknown accounts are created, and
 * every account named is re-evaluated before the answer.
 */
export function serverAccountsRoute(app: Hono, ctx: EdgeContext): void {
  app.post('/v1/server/accounts', async (c) => {
    await requireServerKey(c, ctx);
    // One account, or `{ accounts: [...] }`: the shape decides the schema, so errors name real paths.
    const text = await readBodyText(c);
    const batch = /^\s*\{\s*"accounts"\s*:/.test(text);
    const list: Traits[] = batch
      ? parseJsonBody(text, batchSchema).accounts
      : [parseJsonBody(text, traitsSchema)];
    const { config } = await ctx.config();
    const now = ctx.now();
    const prefix = batch ? 'accounts.' : '';
    const issues: { path: string; message: string }[] = [];
    list.forEach((traits, i) => {
      if (traits.plan !== undefined && !config.plans[traits.plan])
        issues.push({
          path: `${prefix ? `${prefix}${i}.` : ''}plan`,
          message: `unknown plan "${traits.plan}"`,
        });
      const at = observedAt(traits, now);
      if (at > now + MAX_FUTURE_MS)
        issues.push({ path: `${prefix ? `${prefix}${i}.` : ''}observedAt`, message: 'is in the future' });
    });
    if (issues.length > 0) throw new HttpError(400, 'invalid_body', 'the account traits are invalid', issues);
    const byAccount = new Map<string, Record<string, AccountFact>>();
    for (const traits of list) {
      const at = observedAt(traits, now);
      const facts = byAccount.get(traits.accountId) ?? {};
      const put = (name: string, value: AccountFact['value'] | undefined) => {
        if (value !== undefined && (facts[name]?.at ?? -1) <= at)
          facts[name] = { value, at, source: 'server' };
      };
      for (const name of FACT_NAMES) put(name, traits[name]);
      for (const [name, value] of Object.entries(traits.traits ?? {})) put(`custom.${name}`, value);
      byAccount.set(traits.accountId, facts);
    }
    for (const [accountId, facts] of byAccount) await ctx.storage.upsertFacts(accountId, facts, now);
    const evaluated = await Promise.all([...byAccount.keys()].map((id) => ctx.accounts.refresh(id)));
    return c.json({
      upserted: byAccount.size,
      accounts: evaluated.flatMap((e) =>
        e
          ? [
              {
                accountId: e.state.accountId,
                eligible: e.state.eligible,
                reasons: e.state.reasons,
                unknown: e.state.unknown,
                activeTriggers: e.state.fired,
              },
            ]
          : [],
      ),
    });
  });
}

function observedAt(traits: Traits, now: number): number {
  const { observedAt: at } = traits;
  return at === undefined ? now : typeof at === 'number' ? at : Date.parse(at);
}
