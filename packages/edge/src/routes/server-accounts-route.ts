import { accountTraitsBatchSchema, accountTraitsSchema } from '@headroom/server';
import type { Hono } from 'hono';
import type * as z from 'zod/mini';
import type { EdgeContext } from '../edge-context.ts';
import { MAX_FUTURE_MS } from '../event-admission.ts';
import { HttpError } from '../http-error.ts';
import { parseJsonBody, readBodyText } from '../read-json.ts';
import { requireServerKey } from '../require-server-key.ts';
import type { AccountFact } from '../storage/storage.ts';

type Traits = z.output<typeof accountTraitsSchema>;
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
      ? parseJsonBody(text, accountTraitsBatchSchema).accounts
      : [parseJsonBody(text, accountTraitsSchema)];
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
