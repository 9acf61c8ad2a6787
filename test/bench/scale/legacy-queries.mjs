// The report and account SQL as it stood at f8ffd56 (before server truth), kept verbatim so
// the scale benchmark can time "today's queries" beside the new ones on the same store.
// Adapted only where a table changed: the legacy `accounts` table is read from
// `account_facts`, and `upgrade_routed` events (no longer written) from `route_decisions`.
// Each entry is (sql, params) for one report read.

const iso = (expr) => `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const at = (ms) => new Date(ms).toISOString();
const DAY_MS = 86_400_000;

/** f8ffd56 `experimentCounts`: first exposure per unit, correlated EXISTS per unit for the goal. */
export function legacyExperiments(config) {
  const cfg = Object.entries(config.experiments).map(([id, e]) => ({
    experiment_id: id,
    goal: e.goal ?? 'upgrade_completed',
    days: e.conversionWindowDays ?? 30,
    unit: e.unit ?? 'account',
  }));
  return [
    {
      sql: `WITH cfg AS (
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
      params: [JSON.stringify(cfg)],
    },
  ];
}

/** f8ffd56 `funnel` (both statements), over the last `days` days. */
export function legacyFunnel(now, days = 90) {
  const since = at(now - days * DAY_MS);
  const byPrompt = (type) =>
    `SELECT DISTINCT payload->>'triggerId' AS trigger_id, account_id FROM events
         WHERE type = '${type}' AND ts >= $1::timestamptz AND payload ? 'triggerId'`;
  return [
    {
      sql: `WITH fired AS (
           SELECT payload->>'triggerId' AS trigger_id, account_id, min(ts) AS first_at FROM events
           WHERE type = 'trigger_fired' AND ts >= $1::timestamptz GROUP BY 1, 2
         ), shown AS (${byPrompt('prompt_shown')}), clicked AS (${byPrompt('prompt_clicked')}),
         routed AS (
           SELECT account_id, max(decided_at) AS last_at FROM route_decisions
           WHERE decided_at >= $1::timestamptz GROUP BY 1
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
      params: [since],
    },
    {
      sql: `SELECT route, count(DISTINCT account_id)::int AS n FROM route_decisions
         WHERE decided_at >= $1::timestamptz GROUP BY 1`,
      params: [since],
    },
  ];
}

/** f8ffd56 `pqls`: every trigger_fired ever stored after each account's last upgrade. */
export function legacyPqls(now, activeDays = 30) {
  return [
    {
      sql: `WITH last_upgrade AS (
           SELECT account_id, max(ts) AS at FROM events
           WHERE type = 'upgrade_completed' AND source = 'server' GROUP BY 1
         ), fired AS (
           SELECT e.account_id, e.ts, e.payload->>'triggerId' AS trigger_id
           FROM events e LEFT JOIN last_upgrade l ON l.account_id = e.account_id
           WHERE e.type = 'trigger_fired' AND (l.at IS NULL OR e.ts > l.at)
         ), accounts AS (
           SELECT account_id AS id, facts->'plan'->>'value' AS plan, facts->'segment'->>'value' AS segment,
             (facts->'acv'->>'value')::float8 AS acv, (facts->'seats'->>'value')::int AS seats
           FROM account_facts
         )
         SELECT f.account_id, ${iso('min(f.ts)')} AS first_pql_at,
           (coalesce(jsonb_agg(DISTINCT f.trigger_id) FILTER (WHERE f.ts >= $1::timestamptz), '[]'::jsonb))::text AS active,
           a.plan, a.segment, a.acv, a.seats
         FROM fired f LEFT JOIN accounts a ON a.id = f.account_id
         GROUP BY f.account_id, a.plan, a.segment, a.acv, a.seats
         ORDER BY min(f.ts) LIMIT 5000`,
      params: [at(now - activeDays * DAY_MS)],
    },
  ];
}

const signalsSql = `
    WITH last_upgrade AS (
      SELECT coalesce(max(ts), '-infinity'::timestamptz) AS at FROM events
      WHERE account_id = $1 AND type = 'upgrade_completed' AND source = 'server'
    ), fired AS (
      SELECT e.ts, e.payload->>'triggerId' AS trigger_id FROM events e, last_upgrade l
      WHERE e.account_id = $1 AND e.type = 'trigger_fired' AND e.ts > l.at
    ), usage AS (
      SELECT DISTINCT ON (payload->>'meter') payload->>'meter' AS meter, (payload->>'value')::float8 AS value
      FROM events WHERE account_id = $1 AND type = 'usage' AND ts >= $3::timestamptz
      ORDER BY payload->>'meter', ts DESC, id DESC
    )
    SELECT (SELECT ${iso('min(ts)')} FROM fired) AS first_pql_at,
      (SELECT coalesce(jsonb_agg(DISTINCT trigger_id), '[]'::jsonb)::text FROM fired WHERE ts >= $2::timestamptz) AS active,
      (SELECT coalesce(jsonb_object_agg(meter, value), '{}'::jsonb)::text FROM usage) AS usage`;

/** f8ffd56 `accountHistory` (GET /v1/account): gate hits, invites and signals over 90 days. */
export function legacyAccount(accountId, userId, now) {
  const since = at(now - 90 * DAY_MS);
  const day = `to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
  return [
    {
      sql: `SELECT ${day} AS day, payload->>'feature' AS feature, count(*)::int AS count,
             (count(*) FILTER (WHERE user_id = $2))::int AS mine
           FROM events WHERE account_id = $1 AND type = 'gate_hit' AND ts >= $3::timestamptz
           GROUP BY 1, 2 ORDER BY 1, 2`,
      params: [accountId, userId, since],
    },
    {
      sql: `SELECT ${day} AS day, (count(*) FILTER (WHERE type = 'invite_sent'))::int AS sent,
             (count(*) FILTER (WHERE type = 'invite_accepted'))::int AS accepted,
             (count(*) FILTER (WHERE type = 'invite_sent' AND user_id = $2))::int AS mine
           FROM events WHERE account_id = $1 AND type IN ('invite_sent', 'invite_accepted') AND ts >= $3::timestamptz
           GROUP BY 1 ORDER BY 1`,
      params: [accountId, userId, since],
    },
    { sql: signalsSql, params: [accountId, at(now - 30 * DAY_MS), since] },
  ];
}

/** f8ffd56 `accountSignals` (the first POST /v1/route of an account): the signals statement. */
export function legacyRouteSignals(accountId, now) {
  const active = at(now - 30 * DAY_MS);
  return [{ sql: signalsSql, params: [accountId, active, active] }];
}
