import type { SqlClient } from './sql-client.ts';
import type { FunnelRow, Storage } from './storage.ts';

const at = (ms: number) => new Date(ms).toISOString();

/** The funnel report: ordered steps per account and trigger, and the route split. */
export function createSqlReports(db: Pick<SqlClient, 'query'>): Pick<Storage, 'funnel'> {
  return {
    async funnel(sinceMs) {
      const since = at(sinceMs);
      // Per account and in order: fired (edge-evaluated episodes) → shown → clicked (browser
      // telemetry, counted only for accounts the edge saw fire) → routed (decisions the edge
      // made after the click) → completed (server-reported after the route). Each step joins
      // the one before it, so it can never exceed it.
      const rows = await db.query<{
        trigger_id: string;
        fired: number;
        shown: number;
        clicked: number;
        routed: number;
        completed: number;
        median_ms: number | null;
      }>(
        `WITH fired AS (
           SELECT trigger_id, account_id, min(fired_at) AS at FROM trigger_fires
           WHERE fired_at >= $1::timestamptz GROUP BY 1, 2
         ), shown AS (
           SELECT f.trigger_id, f.account_id, min(e.received_at) AS at FROM fired f
           JOIN events e ON e.account_id = f.account_id AND e.type = 'prompt_shown' AND e.ts >= $1::timestamptz
             AND e.payload->>'triggerId' = f.trigger_id
           GROUP BY 1, 2
         ), clicked AS (
           SELECT s.trigger_id, s.account_id, min(e.received_at) AS at FROM shown s
           JOIN events e ON e.account_id = s.account_id AND e.type = 'prompt_clicked' AND e.ts >= $1::timestamptz
             AND e.payload->>'triggerId' = s.trigger_id AND e.received_at >= s.at
           GROUP BY 1, 2
         ), routed AS (
           SELECT c.trigger_id, c.account_id, min(r.decided_at) AS at FROM clicked c
           JOIN route_decisions r ON r.account_id = c.account_id AND r.decided_at >= c.at
           GROUP BY 1, 2
         ), completed AS (
           SELECT r.trigger_id, r.account_id, min(e.ts) AS at FROM routed r
           JOIN events e ON e.account_id = r.account_id AND e.type = 'upgrade_completed' AND e.source = 'server'
             AND e.ts >= r.at
           GROUP BY 1, 2
         )
         SELECT f.trigger_id, count(*)::int AS fired, count(s.at)::int AS shown, count(c.at)::int AS clicked,
           count(r.at)::int AS routed, count(k.at)::int AS completed,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM k.at - f.at) * 1000) AS median_ms
         FROM fired f
         LEFT JOIN shown s USING (trigger_id, account_id)
         LEFT JOIN clicked c USING (trigger_id, account_id)
         LEFT JOIN routed r USING (trigger_id, account_id)
         LEFT JOIN completed k USING (trigger_id, account_id)
         GROUP BY f.trigger_id ORDER BY f.trigger_id`,
        [since],
      );
      const [routeRows, directRows] = await Promise.all([
        db.query<{ route: string; decisions: number; accounts: number }>(
          `SELECT route, sum(repeats)::int AS decisions, count(DISTINCT account_id)::int AS accounts
           FROM route_decisions WHERE decided_at >= $1::timestamptz GROUP BY 1`,
          [since],
        ),
        db.query<{ n: number }>(
          `WITH first AS (
             SELECT account_id, min(decided_at) AS at FROM route_decisions WHERE decided_at >= $1::timestamptz GROUP BY 1
           )
           SELECT count(*)::int AS n FROM first f WHERE NOT EXISTS (
             SELECT 1 FROM events e WHERE e.account_id = f.account_id AND e.type = 'prompt_clicked'
               AND e.ts >= $1::timestamptz AND e.received_at <= f.at
           )`,
          [since],
        ),
      ]);
      const routes: Record<string, number> = { self_serve: 0, self_serve_with_assist: 0, cs_assist: 0 };
      const routedAccounts: Record<string, number> = { ...routes };
      for (const r of routeRows) {
        if (!(r.route in routes)) continue;
        routes[r.route] = r.decisions;
        routedAccounts[r.route] = r.accounts;
      }
      return {
        byTrigger: rows.map(
          (r): FunnelRow => ({
            triggerId: r.trigger_id,
            fired: r.fired,
            shown: r.shown,
            clicked: r.clicked,
            routed: r.routed,
            completed: r.completed,
            medianMsToUpgrade: r.median_ms === null ? null : Math.round(Number(r.median_ms)),
          }),
        ),
        routes,
        routedAccounts,
        direct: directRows[0]?.n ?? 0,
      };
    },
  };
}
