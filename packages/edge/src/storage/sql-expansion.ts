import type { SqlClient } from './sql-client.ts';
import type { ExpansionFigures, ExpansionSlice, ExpansionTriggerRow, Storage } from './storage.ts';

const at = (ms: number) => new Date(ms).toISOString();

/** A slice with nothing counted. */
export const emptySlice = (): ExpansionSlice => ({
  activeAccounts: 0,
  activeUsers: 0,
  invitesSent: 0,
  invitesAccepted: 0,
  pqls: 0,
  pqlsJudged: 0,
  pqlsExpanded: 0,
  expansions: 0,
  csAssisted: 0,
  seatArr: 0,
  usageArr: 0,
  tierArr: 0,
  newArr: 0,
  contractionArr: 0,
  churnArr: 0,
  churnedAccounts: 0,
  startingArr: 0,
  payingAccounts: 0,
});

// Every query groups by week (UTC Monday), by segment (the account's evaluated one) and not at
// all, in one pass (GROUPING SETS), so distinct counts stay distinct in each slice.
const SLICES = `GROUP BY GROUPING SETS ((week), (segment), ())`;
const SEGMENT = `coalesce(s.segment, 'unknown')`;
const WEEK = (column: string) => `to_char(date_trunc('week', ${column}), 'YYYY-MM-DD')`;

/**
 * The expansion metrics' inputs since `sinceMs`, read from aggregates only (`activity_days`,
 * invites in `account_days`, fire episodes in `trigger_fires`, the `revenue_changes` ledger,
 * `handoffs` by account): O(accounts × days + episodes + billing events), never the raw events.
 */
export function createSqlExpansion(db: Pick<SqlClient, 'query'>): Pick<Storage, 'expansionFigures'> {
  return {
    async expansionFigures(sinceMs, judgedBeforeMs, outcomeDays, assistDays) {
      const since = at(sinceMs);
      const day = `($1::timestamptz AT TIME ZONE 'UTC')::date`;
      // An account's PQL in the window: its first eligible fire episode there (legacy episodes
      // without a recorded eligibility count), judged once it is `outcomeDays` old, expanded when
      // the backend reported an upgrade within `outcomeDays` after it.
      const episodes = (order: string) => `
        SELECT DISTINCT ON (${order}) trigger_id, account_id, fired_at,
          fired_at < $2::timestamptz AS judged,
          expanded_at < fired_at + make_interval(days => $3::int) AS expanded,
          extract(epoch FROM expanded_at - fired_at) * 1000 AS ms
        FROM trigger_fires WHERE fired_at >= $1::timestamptz AND eligible IS NOT FALSE
        ORDER BY ${order}, fired_at, trigger_id`;
      type Sliced = { week: string | null; segment: string | null };
      const [activity, invites, pqls, triggers, revenue, starts] = await Promise.all([
        db.query<Sliced & { accounts: number; users: number }>(
          `SELECT week, segment, count(DISTINCT account_id)::int AS accounts,
             count(DISTINCT (account_id, user_id)) FILTER (WHERE user_id <> '')::int AS users
           FROM (SELECT a.account_id, a.user_id, ${WEEK('a.day')} AS week, ${SEGMENT} AS segment
             FROM activity_days a LEFT JOIN account_state s ON s.account_id = a.account_id WHERE a.day >= ${day}) x
           ${SLICES}`,
          [since],
        ),
        db.query<Sliced & { sent: number; accepted: number }>(
          `SELECT week, segment, coalesce(sum(count) FILTER (WHERE kind = 'invite_sent'), 0)::float8 AS sent,
             coalesce(sum(count) FILTER (WHERE kind = 'invite_accepted'), 0)::float8 AS accepted
           FROM (SELECT d.kind, d.count, ${WEEK('d.day')} AS week, ${SEGMENT} AS segment
             FROM account_days d LEFT JOIN account_state s ON s.account_id = d.account_id
             WHERE d.kind IN ('invite_sent', 'invite_accepted') AND d.day >= ${day}) x
           ${SLICES}`,
          [since],
        ),
        db.query<Sliced & { pqls: number; judged: number; expanded: number }>(
          `SELECT week, segment, count(*)::int AS pqls, count(*) FILTER (WHERE judged)::int AS judged,
             count(*) FILTER (WHERE judged AND expanded)::int AS expanded
           FROM (SELECT f.judged, f.expanded, ${WEEK("f.fired_at AT TIME ZONE 'UTC'")} AS week, ${SEGMENT} AS segment
             FROM (${episodes('account_id')}) f LEFT JOIN account_state s ON s.account_id = f.account_id) x
           ${SLICES}`,
          [since, at(judgedBeforeMs), outcomeDays],
        ),
        // Per trigger, each account's first eligible fire of it; `attributed`: expanded accounts
        // whose first PQL fire in the window was this trigger's (each expansion counted once).
        db.query<{
          trigger_id: string;
          pqls: number;
          judged: number;
          expanded: number;
          attributed: number;
          median_ms: number | null;
        }>(
          `WITH f AS (${episodes('trigger_id, account_id')}),
           lead AS (SELECT DISTINCT ON (account_id) account_id, trigger_id FROM f ORDER BY account_id, fired_at, trigger_id)
           SELECT f.trigger_id, count(*)::int AS pqls, count(*) FILTER (WHERE judged)::int AS judged,
             count(*) FILTER (WHERE judged AND expanded)::int AS expanded,
             count(*) FILTER (WHERE judged AND expanded AND l.trigger_id = f.trigger_id)::int AS attributed,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE judged AND expanded) AS median_ms
           FROM f JOIN lead l ON l.account_id = f.account_id
           GROUP BY f.trigger_id ORDER BY f.trigger_id`,
          [since, at(judgedBeforeMs), outcomeDays],
        ),
        // The ledger in the window: each change's amount before it (the backend's, else the
        // account's previous change's, else 0) and whether the account paid at the window's start.
        db.query<
          Sliced & {
            expansions: number;
            assisted: number;
            seat: number;
            usage: number;
            tier: number;
            fresh: number;
            contraction: number;
            churn: number;
            churned: number;
          }
        >(
          `WITH ${LEDGER}, ${STARTS}
           SELECT week, segment, count(*) FILTER (WHERE delta > 0)::int AS expansions,
             count(*) FILTER (WHERE delta > 0 AND assisted)::int AS assisted,
             ${['seat', 'usage', 'tier']
               .map(
                 (source) =>
                   `coalesce(sum(delta) FILTER (WHERE delta > 0 AND paying AND expansion_source = '${source}'), 0)::float8 AS ${source}`,
               )
               .join(', ')},
             coalesce(sum(delta) FILTER (WHERE delta > 0 AND NOT paying), 0)::float8 AS fresh,
             coalesce(-sum(delta) FILTER (WHERE delta < 0 AND paying AND kind <> 'subscription_canceled'), 0)::float8 AS contraction,
             coalesce(-sum(delta) FILTER (WHERE delta < 0 AND paying AND kind = 'subscription_canceled'), 0)::float8 AS churn,
             count(DISTINCT account_id) FILTER (WHERE paying AND kind = 'subscription_canceled')::int AS churned
           FROM (
             SELECT l.account_id, l.kind, l.expansion_source, l.amount - l.before AS delta, st.arr > 0 AS paying,
               st.segment, ${WEEK("l.at AT TIME ZONE 'UTC'")} AS week,
               EXISTS (SELECT 1 FROM handoffs h WHERE h.account_id = l.account_id
                 AND h.created_at BETWEEN l.at - make_interval(days => $2::int) AND l.at) AS assisted
             FROM ledger l JOIN starts st ON st.account_id = l.account_id WHERE l.at >= $1::timestamptz
           ) x
           ${SLICES}`,
          [since, assistDays],
        ),
        db.query<{ segment: string | null; arr: number; paying: number }>(
          `WITH ${LEDGER}, ${STARTS}
           SELECT segment, coalesce(sum(arr) FILTER (WHERE arr > 0), 0)::float8 AS arr,
             count(*) FILTER (WHERE arr > 0)::int AS paying
           FROM starts GROUP BY GROUPING SETS ((segment), ())`,
          [since],
        ),
      ]);
      const figures: ExpansionFigures = { total: emptySlice(), weeks: {}, segments: {}, triggers: [] };
      const slice = ({ week, segment }: Sliced): ExpansionSlice => {
        const [group, key] =
          week !== null ? [figures.weeks, week] : segment !== null ? [figures.segments, segment] : [null, ''];
        if (group === null) return figures.total;
        const found = group[key] ?? emptySlice();
        group[key] = found;
        return found;
      };
      for (const r of activity) Object.assign(slice(r), { activeAccounts: r.accounts, activeUsers: r.users });
      for (const r of invites)
        Object.assign(slice(r), { invitesSent: Number(r.sent), invitesAccepted: Number(r.accepted) });
      for (const r of pqls)
        Object.assign(slice(r), { pqls: r.pqls, pqlsJudged: r.judged, pqlsExpanded: r.expanded });
      for (const r of revenue)
        Object.assign(slice(r), {
          expansions: r.expansions,
          csAssisted: r.assisted,
          seatArr: Number(r.seat),
          usageArr: Number(r.usage),
          tierArr: Number(r.tier),
          newArr: Number(r.fresh),
          contractionArr: Number(r.contraction),
          churnArr: Number(r.churn),
          churnedAccounts: r.churned,
        });
      for (const r of starts)
        Object.assign(slice({ week: null, segment: r.segment }), {
          startingArr: Number(r.arr),
          payingAccounts: r.paying,
        });
      figures.triggers = triggers.map(
        (r): ExpansionTriggerRow => ({
          triggerId: r.trigger_id,
          pqls: r.pqls,
          judged: r.judged,
          expanded: r.expanded,
          attributed: r.attributed,
          medianMsToExpansion: r.median_ms === null ? null : Math.round(Number(r.median_ms)),
        }),
      );
      return figures;
    },
  };
}

// Each billing change with the amount before it: the backend's, else the account's previous
// change's amount, else (a cancellation) the account's evaluated ACV, else 0.
const LEDGER = `ledger AS (
  SELECT r.account_id, r.event_id, r.at, r.kind, r.amount, r.expansion_source,
    coalesce(r.previous_amount, lag(r.amount) OVER (PARTITION BY r.account_id ORDER BY r.at, r.event_id),
      CASE WHEN r.kind = 'subscription_canceled' THEN s.acv END, 0) AS before
  FROM revenue_changes r LEFT JOIN account_state s ON s.account_id = r.account_id
)`;

// What each account paid per year at the window's start ($1): the amount before its first change
// in the window, else the amount after its last change before it, else its evaluated ACV.
const STARTS = `per_account AS (
  SELECT account_id,
    (array_agg(before ORDER BY at, event_id) FILTER (WHERE at >= $1::timestamptz))[1] AS first_before,
    (array_agg(amount ORDER BY at DESC, event_id DESC) FILTER (WHERE at < $1::timestamptz))[1] AS last_after
  FROM ledger GROUP BY account_id
), starts AS (
  SELECT coalesce(p.account_id, s.account_id) AS account_id, coalesce(s.segment, 'unknown') AS segment,
    coalesce(p.first_before, p.last_after, s.acv, 0) AS arr
  FROM per_account p FULL JOIN account_state s ON s.account_id = p.account_id
)`;
