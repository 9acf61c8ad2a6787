import type { SqlClient } from './sql-client.ts';
import type { FunnelRow, HoldoutGroupRow, Storage } from './storage.ts';

const at = (ms: number) => new Date(ms).toISOString();

/** The funnel report (ordered steps per account and trigger, the route split) and holdout groups. */
export function createSqlReports(db: Pick<SqlClient, 'query'>): Pick<Storage, 'funnel' | 'holdoutGroups'> {
  return {
    async funnel(sinceMs) {
      const since = at(sinceMs);
      // Per trigger and account, its first fire episode in the window and how far that episode
      // got, kept per episode as steps arrive (see keepFunnelSteps): O(episodes in the window),
      // never the raw steps. Each step follows the one before it, so none exceeds it, and time to
      // upgrade runs from the fire (or the prompt the browser showed just before it) to the
      // completion, so it cannot be negative.
      const rows = await db.query<{
        trigger_id: string;
        fired: number;
        shown: number;
        clicked: number;
        routed: number;
        completed: number;
        median_ms: number | null;
      }>(
        `WITH first AS (
           SELECT DISTINCT ON (trigger_id, account_id) trigger_id, fired_at, shown_at, clicked_at, routed_at, completed_at
           FROM trigger_fires WHERE fired_at >= $1::timestamptz
           ORDER BY trigger_id, account_id, fired_at
         )
         SELECT trigger_id, count(*)::int AS fired, count(shown_at)::int AS shown, count(clicked_at)::int AS clicked,
           count(routed_at)::int AS routed, count(completed_at)::int AS completed,
           percentile_cont(0.5) WITHIN GROUP (
             ORDER BY extract(epoch FROM completed_at - least(fired_at, shown_at)) * 1000) AS median_ms
         FROM first GROUP BY trigger_id ORDER BY trigger_id`,
        [since],
      );
      const [routeRows, directRows] = await Promise.all([
        db.query<{ route: string; decisions: number; accounts: number }>(
          `SELECT route, sum(repeats)::int AS decisions, count(DISTINCT account_id)::int AS accounts
           FROM route_decisions WHERE decided_at >= $1::timestamptz GROUP BY 1`,
          [since],
        ),
        // Clicks by UTC day (prompt_click_days): the window's first day counts whole.
        db.query<{ n: number }>(
          `WITH first AS (
             SELECT account_id, min(decided_at) AS at FROM route_decisions WHERE decided_at >= $1::timestamptz GROUP BY 1
           )
           SELECT count(*)::int AS n FROM first f WHERE NOT EXISTS (
             SELECT 1 FROM prompt_click_days c WHERE c.account_id = f.account_id
               AND c.day >= ($1::timestamptz AT TIME ZONE 'UTC')::date AND c.first_received_at <= f.at
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
    async holdoutGroups(sinceMs, judgedBeforeMs, outcomeDays) {
      // Per trigger and account, its first episode in the window while eligible with a recorded
      // holdout assignment; judged when it fired at least `outcomeDays` ago. O(episodes in the
      // window) through trigger_fires, never the raw events.
      // One row per trigger and arm.
      const rows = await db.query<{
        trigger_id: string;
        held_out: boolean;
        accounts: number;
        expanded: number;
        amount: number;
        amount_squares: number;
        pending: number;
      }>(
        `WITH first AS (
           SELECT DISTINCT ON (trigger_id, account_id) trigger_id, held_out, fired_at < $2::timestamptz AS judged,
             expanded_at < fired_at + make_interval(days => $3::int) AS expanded, expansion_amount
           FROM trigger_fires WHERE fired_at >= $1::timestamptz AND held_out IS NOT NULL AND eligible
           ORDER BY trigger_id, account_id, fired_at
         )
         SELECT trigger_id, held_out, count(*) FILTER (WHERE judged)::int AS accounts,
           count(*) FILTER (WHERE judged AND expanded)::int AS expanded,
           coalesce(sum(expansion_amount) FILTER (WHERE judged AND expanded), 0)::float8 AS amount,
           coalesce(sum(expansion_amount ^ 2) FILTER (WHERE judged AND expanded), 0)::float8 AS amount_squares,
           count(*) FILTER (WHERE NOT judged)::int AS pending
         FROM first GROUP BY trigger_id, held_out ORDER BY trigger_id, held_out`,
        [at(sinceMs), at(judgedBeforeMs), outcomeDays],
      );
      return rows.map(
        (r): HoldoutGroupRow => ({
          triggerId: r.trigger_id,
          heldOut: r.held_out,
          accounts: r.accounts,
          expanded: r.expanded,
          amount: Number(r.amount),
          amountSquares: Number(r.amount_squares),
          pending: r.pending,
        }),
      );
    },
  };
}
