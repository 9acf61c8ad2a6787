import type { SqlClient } from './sql-client.ts';

/**
 * How long before the edge's fire a prompt shown for the trigger still belongs to it. The
 * browser evaluates the same trigger from the same facts and may show the prompt first; the
 * edge evaluates an account right after the batch that changes its facts, and every account at
 * least hourly (the sweep), so its fire trails the browser's by at most an hour.
 */
export const SHOWN_BEFORE_FIRE_MS = 60 * 60 * 1000;

/** Serializes funnel recomputes per account across instances (with `hashtext(account_id)`). */
const FUNNEL_LOCK = 7_411_004;

/**
 * Each fire episode's ordered funnel, from the raw steps: shown (browser, received at or after
 * the fire less `SHOWN_BEFORE_FIRE_MS`) → clicked (received at or after the show) → routed (an
 * edge decision at or after the click) → completed (a server-reported upgrade dated at or after
 * the route). Every step is the earliest that follows the one before it, so the chain can only
 * move earlier as steps arrive: merging with `least` keeps what pruned events once gave.
 * Beside the chain, whatever route led there: the first server-reported upgrade dated at or
 * after the fire and its amount (what trigger holdouts compare; server events are never pruned).
 * `where` picks the episodes (`trigger_fires f`).
 */
const chainOf = (where: string) => `
  SELECT f.account_id, f.trigger_id, f.fired_at, s.at AS shown_at, c.at AS clicked_at, r.at AS routed_at,
    k.at AS completed_at, x.ts AS expanded_at, x.amount AS expansion_amount
  FROM trigger_fires f
  CROSS JOIN LATERAL (SELECT least(f.shown_at, (
      SELECT min(e.received_at) FROM events e
      WHERE e.account_id = f.account_id AND e.type = 'prompt_shown' AND e.payload->>'triggerId' = f.trigger_id
        AND e.source = 'browser' AND e.received_at >= f.fired_at - make_interval(secs => ${SHOWN_BEFORE_FIRE_MS / 1000})
    )) AS at) s
  CROSS JOIN LATERAL (SELECT least(f.clicked_at, (
      SELECT min(e.received_at) FROM events e
      WHERE e.account_id = f.account_id AND e.type = 'prompt_clicked' AND e.payload->>'triggerId' = f.trigger_id
        AND e.source = 'browser' AND e.received_at >= s.at
    )) AS at) c
  CROSS JOIN LATERAL (SELECT least(f.routed_at, (
      SELECT min(r.decided_at) FROM route_decisions r WHERE r.account_id = f.account_id AND r.decided_at >= c.at
    )) AS at) r
  CROSS JOIN LATERAL (SELECT least(f.completed_at, (
      SELECT min(e.ts) FROM events e
      WHERE e.account_id = f.account_id AND e.type = 'upgrade_completed' AND e.source = 'server' AND e.ts >= r.at
    )) AS at) k
  LEFT JOIN LATERAL (SELECT e.ts, (e.payload->>'amount')::float8 AS amount FROM events e
      WHERE e.account_id = f.account_id AND e.type = 'upgrade_completed' AND e.source = 'server' AND e.ts >= f.fired_at
      ORDER BY e.ts, e.id LIMIT 1) x ON true
  WHERE ${where}`;

const UPDATE_CHAINS = (where: string) => `
  UPDATE trigger_fires t SET shown_at = n.shown_at, clicked_at = n.clicked_at, routed_at = n.routed_at,
    completed_at = n.completed_at, expanded_at = n.expanded_at, expansion_amount = n.expansion_amount
  FROM (${chainOf(where)}) n
  WHERE t.account_id = n.account_id AND t.trigger_id = n.trigger_id AND t.fired_at = n.fired_at
    AND (t.shown_at, t.clicked_at, t.routed_at, t.completed_at, t.expanded_at, t.expansion_amount)
      IS DISTINCT FROM (n.shown_at, n.clicked_at, n.routed_at, n.completed_at, n.expanded_at, n.expansion_amount)`;

/** Recomputes the funnel steps of every episode of the accounts in `$1` (text[]). */
export const FUNNEL_STEPS_OF_ACCOUNTS = UPDATE_CHAINS('f.account_id = ANY($1::text[])');

/**
 * Brings the funnel steps of every fire episode of these accounts up to date with what is
 * stored. Runs after the events, decisions or episodes it reflects have committed, one account
 * at a time across instances (so a later recompute always sees the steps an earlier one missed).
 */
export async function keepFunnelSteps(
  db: Pick<SqlClient, 'transaction' | 'query'>,
  accountIds: Iterable<string>,
) {
  const given = [...new Set(accountIds)];
  if (given.length === 0) return;
  // Only accounts with a fire episode have steps to keep: one primary-key probe spares the rest
  // (most accounts most of the time) the transaction and its lock.
  const withEpisodes = await db.query<{ account_id: string }>(
    'SELECT DISTINCT account_id FROM trigger_fires WHERE account_id = ANY($1::text[])',
    [given],
  );
  const ids = withEpisodes.map((r) => r.account_id).sort();
  if (ids.length === 0) return;
  await db.transaction(async (tx) => {
    // In one order everywhere, so two instances locking overlapping accounts cannot deadlock.
    await tx.query(
      `SELECT pg_advisory_xact_lock(${FUNNEL_LOCK}, h)
       FROM (SELECT DISTINCT hashtext(a) AS h FROM unnest($1::text[]) a ORDER BY 1) l`,
      [ids],
    );
    await tx.query(FUNNEL_STEPS_OF_ACCOUNTS, [ids]);
  });
}

/**
 * Recomputes every episode's funnel steps from the raw steps (inside a rebuild's transaction).
 * With `pruned`, steps that deleted events gave are kept, so the rebuild only moves steps earlier.
 */
export async function rebuildFunnelSteps(tx: Pick<SqlClient, 'query'>, pruned: boolean) {
  if (!pruned)
    await tx.query(
      `UPDATE trigger_fires SET shown_at = NULL, clicked_at = NULL, routed_at = NULL, completed_at = NULL,
         expanded_at = NULL, expansion_amount = NULL`,
    );
  await tx.query(UPDATE_CHAINS('true'));
}
