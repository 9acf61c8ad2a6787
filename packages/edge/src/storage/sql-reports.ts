import type { SqlClient } from './sql-client.ts';
import type { ExperimentCounts, FunnelRow, PqlAccount, Storage } from './storage.ts';

const iso = (expr: string) => `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const at = (ms: number) => new Date(ms).toISOString();

/** The admin reports (experiments, funnel, PQLs): read-only queries over the event store. */
export function createSqlReports(
  db: Pick<SqlClient, 'query'>,
): Pick<Storage, 'experimentCounts' | 'funnel' | 'pqls'> {
  return {
    async experimentCounts(experiments) {
      const cfg = Object.entries(experiments).map(([id, e]) => ({
        experiment_id: id,
        goal: e.goal,
        days: e.days,
        unit: e.unit,
      }));
      if (cfg.length === 0) return [];
      // First exposure of a unit wins; a conversion is a server-reported goal event in the window.
      // The unit is the verified account or user id, never a browser-supplied unitId.
      const rows = await db.query<{
        experiment_id: string;
        variant_id: string;
        exposures: number;
        conversions: number;
      }>(
        `WITH cfg AS (
           SELECT * FROM jsonb_to_recordset($1::text::jsonb) AS c(experiment_id text, goal text, days int, unit text)
         ), ex AS (
           SELECT DISTINCT ON (c.experiment_id, u.unit_id) c.experiment_id, u.unit_id, c.unit, c.goal, c.days,
             e.payload->>'variantId' AS variant_id, e.ts
           FROM events e JOIN cfg c ON e.type = 'exposure' AND e.payload->>'experimentId' = c.experiment_id
           CROSS JOIN LATERAL (SELECT CASE WHEN c.unit = 'user' THEN e.user_id ELSE e.account_id END AS unit_id) u
           WHERE u.unit_id IS NOT NULL
           ORDER BY c.experiment_id, u.unit_id, e.ts, e.id
         )
         SELECT ex.experiment_id, ex.variant_id, count(*)::int AS exposures,
           (count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM events g
             WHERE g.source = 'server' AND (g.type = ex.goal OR (g.type = 'custom' AND g.payload->>'name' = ex.goal))
               AND (CASE WHEN ex.unit = 'user' THEN g.user_id ELSE g.account_id END) = ex.unit_id
               AND g.ts >= ex.ts AND g.ts < ex.ts + make_interval(days => ex.days)
           )))::int AS conversions
         FROM ex GROUP BY 1, 2`,
        [JSON.stringify(cfg)],
      );
      return rows.map(
        (r): ExperimentCounts => ({
          experimentId: r.experiment_id,
          variantId: r.variant_id,
          exposures: r.exposures,
          conversions: r.conversions,
        }),
      );
    },

    async funnel(sinceMs) {
      const since = at(sinceMs);
      const byPrompt = (type: string) =>
        `SELECT DISTINCT payload->>'triggerId' AS trigger_id, account_id FROM events
         WHERE type = '${type}' AND ts >= $1::timestamptz AND payload ? 'triggerId'`;
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
           SELECT payload->>'triggerId' AS trigger_id, account_id, min(ts) AS first_at FROM events
           WHERE type = 'trigger_fired' AND ts >= $1::timestamptz GROUP BY 1, 2
         ), shown AS (${byPrompt('prompt_shown')}), clicked AS (${byPrompt('prompt_clicked')}),
         routed AS (
           SELECT account_id, max(ts) AS last_at FROM events
           WHERE type = 'upgrade_routed' AND ts >= $1::timestamptz GROUP BY 1
         ), completed AS (
           SELECT account_id, ts FROM events
           WHERE type = 'upgrade_completed' AND source = 'server' AND ts >= $1::timestamptz
         )
         SELECT f.trigger_id, count(*)::int AS fired, count(s.account_id)::int AS shown, count(c.account_id)::int AS clicked,
           (count(*) FILTER (WHERE r.last_at >= f.first_at))::int AS routed,
           count(up.at)::int AS completed,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM up.at - f.first_at) * 1000) AS median_ms
         FROM fired f
         LEFT JOIN shown s ON s.trigger_id = f.trigger_id AND s.account_id = f.account_id
         LEFT JOIN clicked c ON c.trigger_id = f.trigger_id AND c.account_id = f.account_id
         LEFT JOIN routed r ON r.account_id = f.account_id
         LEFT JOIN LATERAL (SELECT min(k.ts) AS at FROM completed k WHERE k.account_id = f.account_id AND k.ts >= f.first_at) up ON true
         GROUP BY f.trigger_id ORDER BY f.trigger_id`,
        [since],
      );
      const routeRows = await db.query<{ route: string; n: number }>(
        `SELECT payload->>'route' AS route, count(DISTINCT account_id)::int AS n FROM events
         WHERE type = 'upgrade_routed' AND ts >= $1::timestamptz GROUP BY 1`,
        [since],
      );
      const routes: Record<string, number> = { self_serve: 0, self_serve_with_assist: 0, cs_assist: 0 };
      for (const r of routeRows) if (r.route in routes) routes[r.route] = r.n;
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
      };
    },

    async pqls(activeSinceMs) {
      const rows = await db.query<{
        account_id: string;
        first_pql_at: string;
        active: string;
        plan: string | null;
        segment: string | null;
        acv: number | null;
        seats: number | null;
      }>(
        `WITH last_upgrade AS (
           SELECT account_id, max(ts) AS at FROM events
           WHERE type = 'upgrade_completed' AND source = 'server' GROUP BY 1
         ), fired AS (
           SELECT e.account_id, e.ts, e.payload->>'triggerId' AS trigger_id
           FROM events e LEFT JOIN last_upgrade l ON l.account_id = e.account_id
           WHERE e.type = 'trigger_fired' AND (l.at IS NULL OR e.ts > l.at)
         )
         SELECT f.account_id, ${iso('min(f.ts)')} AS first_pql_at,
           (coalesce(jsonb_agg(DISTINCT f.trigger_id) FILTER (WHERE f.ts >= $1::timestamptz), '[]'::jsonb))::text AS active,
           a.plan, a.segment, a.acv, a.seats
         FROM fired f LEFT JOIN accounts a ON a.id = f.account_id
         GROUP BY f.account_id, a.plan, a.segment, a.acv, a.seats
         ORDER BY min(f.ts) LIMIT 5000`,
        [at(activeSinceMs)],
      );
      return rows.map(
        (r): PqlAccount => ({
          accountId: r.account_id,
          plan: r.plan,
          segment: r.segment,
          acv: r.acv,
          seats: r.seats,
          activeTriggers: (JSON.parse(r.active) as string[]).sort(),
          firstPqlAt: r.first_pql_at,
        }),
      );
    },
  };
}
