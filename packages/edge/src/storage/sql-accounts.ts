import type { TriggerResult } from '@headroom/core';
import { keepFunnelSteps } from './funnel-steps-sql.ts';
import type { SqlClient } from './sql-client.ts';
import type {
  AccountFact,
  AccountHistory,
  AccountInputs,
  AccountStateRow,
  PqlStateRow,
  Storage,
} from './storage.ts';

const at = (ms: number) => new Date(ms).toISOString();
const ms = (expr: string) => `(extract(epoch FROM ${expr}) * 1000)::float8`;
const day = `to_char(day, 'YYYY-MM-DD')`;

interface StateRow {
  account_id: string;
  config_version: number;
  evaluated_at: number;
  fired: string;
  results: string;
  eligible: boolean;
  reasons: string;
  unknown: string;
  plan: string | null;
  segment: string | null;
  acv: number | null;
  seats: number | null;
  potential_acv: number | null;
  pql_since: number | null;
  last_upgrade_at: number | null;
}
const STATE_COLUMNS = `account_id, config_version, ${ms('evaluated_at')} AS evaluated_at, fired::text AS fired,
  results::text AS results, eligible, reasons::text AS reasons, unknown::text AS unknown, plan, segment, acv,
  seats, potential_acv, ${ms('pql_since')} AS pql_since, ${ms('last_upgrade_at')} AS last_upgrade_at`;
const toState = (r: StateRow): AccountStateRow => ({
  accountId: r.account_id,
  configVersion: r.config_version,
  evaluatedAt: Math.round(r.evaluated_at),
  fired: JSON.parse(r.fired) as string[],
  results: JSON.parse(r.results) as TriggerResult[],
  eligible: r.eligible,
  reasons: JSON.parse(r.reasons) as string[],
  unknown: JSON.parse(r.unknown) as string[],
  plan: r.plan,
  segment: r.segment,
  acv: r.acv,
  seats: r.seats,
  potentialAcv: r.potential_acv,
  pqlSince: r.pql_since === null ? null : Math.round(r.pql_since),
  lastUpgradeAt: r.last_upgrade_at === null ? null : Math.round(r.last_upgrade_at),
});
interface PqlRow {
  account_id: string;
  evaluated_at: number;
  fired: string;
  eligible: boolean;
  reasons: string;
  unknown: string;
  plan: string | null;
  segment: string | null;
  potential_acv: number | null;
  pql_since: number | null;
  fired_reasons: string;
}
const PQL_COLUMNS = `account_id, ${ms('evaluated_at')} AS evaluated_at, fired::text AS fired, eligible,
  reasons::text AS reasons, unknown::text AS unknown, plan, segment, potential_acv, ${ms('pql_since')} AS pql_since,
  fired_reasons::text AS fired_reasons`;
const toPql = (r: PqlRow): PqlStateRow => ({
  accountId: r.account_id,
  evaluatedAt: Math.round(r.evaluated_at),
  fired: JSON.parse(r.fired) as string[],
  eligible: r.eligible,
  reasons: JSON.parse(r.reasons) as string[],
  unknown: JSON.parse(r.unknown) as string[],
  plan: r.plan,
  segment: r.segment,
  potentialAcv: r.potential_acv,
  pqlSince: r.pql_since === null ? null : Math.round(r.pql_since),
  firedReasons: JSON.parse(r.fired_reasons) as Record<string, string>,
});
const orNull = (value: number | null) => (value === null ? null : at(value));

type AccountStorage = Pick<
  Storage,
  | 'accountHistory'
  | 'upsertFacts'
  | 'accountInputs'
  | 'accountState'
  | 'saveAccountState'
  | 'staleAccounts'
  | 'pqlStates'
  | 'suppressedStates'
>;

/** Account facts, daily history and the edge's evaluated state, over `account_days` and friends. */
export function createSqlAccounts(db: Pick<SqlClient, 'query' | 'transaction'>): AccountStorage {
  async function meterHistory(accountId: string, since: string) {
    const rows = await db.query<{ meter: string; day: string; used: number }>(
      `SELECT key AS meter, ${day} AS day, peak AS used FROM account_days
       WHERE account_id = $1 AND kind = 'usage' AND day >= $2::timestamptz::date AND peak IS NOT NULL
       ORDER BY key, day`,
      [accountId, since],
    );
    const out: Record<string, { day: string; used: number }[]> = {};
    for (const r of rows) {
      out[r.meter] ??= [];
      out[r.meter]?.push({ day: r.day, used: r.used });
    }
    return out;
  }

  /** The latest usage value per meter (any day) and the latest server-reported upgrade. */
  async function latestUsage(accountId: string) {
    const rows = await db.query<{ kind: string; key: string; last: number | null; last_at: number }>(
      `SELECT DISTINCT ON (kind, key) kind, key, last, ${ms('last_at')} AS last_at FROM account_days
       WHERE account_id = $1 AND kind IN ('usage', 'upgrade_completed') AND user_id = '' AND last_at IS NOT NULL
       ORDER BY kind, key, last_at DESC`,
      [accountId],
    );
    const usage: AccountInputs['usage'] = {};
    let lastUpgradeAt: number | null = null;
    for (const r of rows) {
      if (r.kind === 'upgrade_completed') lastUpgradeAt = Math.round(r.last_at);
      else if (r.last !== null) usage[r.key] = { value: r.last, at: Math.round(r.last_at) };
    }
    return { usage, lastUpgradeAt };
  }

  return {
    async accountHistory(accountId, userId, sinceMs): Promise<AccountHistory> {
      const since = at(sinceMs);
      const [gateHits, invites, meters, latest] = await Promise.all([
        db.query<AccountHistory['gateHits'][number]>(
          `SELECT ${day} AS day, key AS feature, sum(count)::int AS count,
             coalesce(sum(count) FILTER (WHERE user_id = $2), 0)::int AS mine
           FROM account_days WHERE account_id = $1 AND kind = 'gate_hit' AND day >= $3::timestamptz::date
           GROUP BY day, key ORDER BY day, key`,
          [accountId, userId, since],
        ),
        db.query<AccountHistory['invites'][number]>(
          `SELECT ${day} AS day, coalesce(sum(count) FILTER (WHERE kind = 'invite_sent'), 0)::int AS sent,
             coalesce(sum(count) FILTER (WHERE kind = 'invite_accepted'), 0)::int AS accepted,
             coalesce(sum(count) FILTER (WHERE kind = 'invite_sent' AND user_id = $2), 0)::int AS mine
           FROM account_days WHERE account_id = $1 AND kind IN ('invite_sent', 'invite_accepted')
             AND day >= $3::timestamptz::date
           GROUP BY day ORDER BY day`,
          [accountId, userId, since],
        ),
        meterHistory(accountId, since),
        latestUsage(accountId),
      ]);
      const usage: Record<string, number> = {};
      for (const [meter, sample] of Object.entries(latest.usage)) usage[meter] = sample.value;
      return { gateHits, invites, meterHistory: meters, usage };
    },

    async upsertFacts(accountId, facts, now) {
      // Per fact, the newer observation wins (on a tie the backend's trait beats a token claim,
      // else the incoming one wins); one statement,
      // so concurrent writers on several instances cannot lose each other's facts.
      await db.query(
        `INSERT INTO account_facts AS a (account_id, facts, updated_at) VALUES ($1, $2::text::jsonb, $3::timestamptz)
         ON CONFLICT (account_id) DO UPDATE SET updated_at = greatest(a.updated_at, excluded.updated_at),
           facts = (
             SELECT jsonb_object_agg(k, CASE
               WHEN n.v IS NULL THEN o.v WHEN o.v IS NULL THEN n.v
               WHEN (n.v->>'at')::float8 > (o.v->>'at')::float8 THEN n.v
               WHEN (n.v->>'at')::float8 < (o.v->>'at')::float8 THEN o.v
               WHEN n.v->>'source' = 'server' OR o.v->>'source' <> 'server' THEN n.v ELSE o.v END)
             FROM jsonb_each(a.facts) o(k, v) FULL JOIN jsonb_each(excluded.facts) n(k, v) USING (k)
           )`,
        [accountId, JSON.stringify(facts), at(now)],
      );
      // The backend's numeric traits also keep a daily value (the day's newest report wins).
      const numeric = Object.entries(facts).filter(
        ([name, fact]) =>
          fact.source === 'server' && typeof fact.value === 'number' && !name.startsWith('usage.'),
      );
      if (numeric.length === 0) return;
      await db.query(
        `INSERT INTO account_trait_days AS t (account_id, name, day, value, at)
         SELECT $1, name, (to_timestamp(at / 1000.0) AT TIME ZONE 'UTC')::date, value, at
         FROM unnest($2::text[], $3::float8[], $4::float8[]) AS x(name, value, at)
         ON CONFLICT (account_id, name, day) DO UPDATE SET
           value = CASE WHEN excluded.at >= t.at THEN excluded.value ELSE t.value END,
           at = greatest(t.at, excluded.at)`,
        [
          accountId,
          numeric.map(([name]) => name),
          numeric.map(([, fact]) => fact.value as number),
          numeric.map(([, fact]) => fact.at),
        ],
      );
    },

    async accountInputs(accountId, sinceMs): Promise<AccountInputs> {
      // One round trip: evaluation runs after most event batches, so its reads must be cheap.
      const [row] = await db.query<{
        facts: string | null;
        days: string;
        latest: string;
        peaks: string;
        events: string;
        traits: string;
      }>(
        `SELECT
           (SELECT facts::text FROM account_facts WHERE account_id = $1) AS facts,
           (SELECT coalesce(json_agg(json_build_array(to_char(day, 'YYYY-MM-DD'), kind, key, n) ORDER BY day, kind, key), '[]')::text
              FROM (SELECT day, kind, key, sum(count)::float8 AS n FROM account_days
                    WHERE account_id = $1 AND kind IN ('gate_hit', 'invite_sent') AND day >= $2::timestamptz::date
                    GROUP BY day, kind, key) d) AS days,
           (SELECT coalesce(json_agg(json_build_array(kind, key, last, ${ms('last_at')})), '[]')::text
              FROM (SELECT DISTINCT ON (kind, key) kind, key, last, last_at FROM account_days
                    WHERE account_id = $1 AND kind IN ('usage', 'upgrade_completed') AND user_id = '' AND last_at IS NOT NULL
                    ORDER BY kind, key, last_at DESC) l) AS latest,
           (SELECT coalesce(json_agg(json_build_array(key, to_char(day, 'YYYY-MM-DD'), peak) ORDER BY key, day), '[]')::text
              FROM account_days WHERE account_id = $1 AND kind = 'usage' AND day >= $2::timestamptz::date
                AND peak IS NOT NULL) AS peaks,
           (SELECT coalesce(json_agg(json_build_array(to_char(day, 'YYYY-MM-DD'), key, user_id, count) ORDER BY day, key, user_id), '[]')::text
              FROM account_days WHERE account_id = $1 AND kind = 'custom' AND day >= $2::timestamptz::date) AS events,
           (SELECT coalesce(json_agg(json_build_array(name, to_char(day, 'YYYY-MM-DD'), value) ORDER BY name, day), '[]')::text
              FROM account_trait_days WHERE account_id = $1 AND day >= $2::timestamptz::date) AS traits`,
        [accountId, at(sinceMs)],
      );
      const days = JSON.parse(row?.days ?? '[]') as [string, string, string, number][];
      const usage: AccountInputs['usage'] = {};
      let lastUpgradeAt: number | null = null;
      for (const [kind, key, last, lastAt] of JSON.parse(row?.latest ?? '[]') as [
        string,
        string,
        number | null,
        number,
      ][]) {
        if (kind === 'upgrade_completed') lastUpgradeAt = Math.round(lastAt);
        else if (last !== null) usage[key] = { value: last, at: Math.round(lastAt) };
      }
      const traitHistory: AccountInputs['traitHistory'] = {};
      for (const [name, day, value] of JSON.parse(row?.traits ?? '[]') as [string, string, number][]) {
        traitHistory[name] ??= [];
        traitHistory[name]?.push({ day, value });
      }
      const meterHistory: AccountInputs['meterHistory'] = {};
      for (const [meter, day, used] of JSON.parse(row?.peaks ?? '[]') as [string, string, number][]) {
        meterHistory[meter] ??= [];
        meterHistory[meter]?.push({ day, used });
      }
      return {
        facts: row?.facts ? (JSON.parse(row.facts) as Record<string, AccountFact>) : {},
        gateHits: days
          .filter((d) => d[1] === 'gate_hit')
          .map(([day, , feature, count]) => ({ day, feature, count })),
        invites: days.filter((d) => d[1] === 'invite_sent').map(([day, , , count]) => ({ day, count })),
        meterHistory,
        usage,
        lastUpgradeAt,
        events: (JSON.parse(row?.events ?? '[]') as [string, string, string, number][]).map(
          ([day, name, user, count]) => (user === '' ? { day, name, count } : { day, name, user, count }),
        ),
        traitHistory,
      };
    },

    async accountState(accountId) {
      const [row] = await db.query<StateRow>(
        `SELECT ${STATE_COLUMNS} FROM account_state WHERE account_id = $1`,
        [accountId],
      );
      return row ? toState(row) : null;
    },

    async saveAccountState(s, started, cleared) {
      await db.query(
        `WITH saved AS (
           INSERT INTO account_state (account_id, config_version, evaluated_at, fired, results, eligible, reasons,
             unknown, plan, segment, acv, seats, potential_acv, pql_since, last_upgrade_at, signals, fired_reasons)
           VALUES ($1, $2, $3::timestamptz, $4::text::jsonb, $5::text::jsonb, $6, $7::text::jsonb, $8::text::jsonb,
             $9, $10, $11, $12, $13, $14::timestamptz, $15::timestamptz, $18, $19::text::json)
           ON CONFLICT (account_id) DO UPDATE SET config_version = excluded.config_version,
             evaluated_at = excluded.evaluated_at, fired = excluded.fired, results = excluded.results,
             eligible = excluded.eligible, reasons = excluded.reasons, unknown = excluded.unknown,
             plan = excluded.plan, segment = excluded.segment, acv = excluded.acv, seats = excluded.seats,
             potential_acv = excluded.potential_acv, pql_since = excluded.pql_since,
             last_upgrade_at = excluded.last_upgrade_at, signals = excluded.signals,
             fired_reasons = excluded.fired_reasons
           WHERE account_state.evaluated_at <= excluded.evaluated_at
           RETURNING account_id
         ), opened AS (
           INSERT INTO trigger_fires (account_id, trigger_id, fired_at, held_out, eligible)
           SELECT s.account_id, t, $3::timestamptz, t IN (SELECT jsonb_array_elements_text($20::text::jsonb)), $6
           FROM saved s, jsonb_array_elements_text($16::text::jsonb) t
           WHERE NOT EXISTS (SELECT 1 FROM trigger_fires f
             WHERE f.account_id = s.account_id AND f.trigger_id = t AND f.cleared_at IS NULL)
           ON CONFLICT DO NOTHING
         )
         UPDATE trigger_fires SET cleared_at = $3::timestamptz
         WHERE account_id IN (SELECT account_id FROM saved) AND cleared_at IS NULL
           AND trigger_id IN (SELECT jsonb_array_elements_text($17::text::jsonb))`,
        [
          s.accountId,
          s.configVersion,
          at(s.evaluatedAt),
          JSON.stringify(s.fired),
          JSON.stringify(s.results),
          s.eligible,
          JSON.stringify(s.reasons),
          JSON.stringify(s.unknown),
          s.plan,
          s.segment,
          s.acv,
          s.seats,
          s.potentialAcv,
          orNull(s.pqlSince),
          orNull(s.lastUpgradeAt),
          JSON.stringify(started),
          JSON.stringify(cleared),
          s.fired.length,
          JSON.stringify(Object.fromEntries(s.results.filter((r) => r.fired).map((r) => [r.id, r.reason]))),
          // Triggers whose holdout this account is in: their episodes are the control group.
          JSON.stringify(s.results.filter((r) => r.heldOut).map((r) => r.id)),
        ],
      );
      // A new episode's steps may already be stored (the browser showed the prompt first).
      if (started.length > 0) await keepFunnelSteps(db, [s.accountId]);
    },

    async staleAccounts(before, configVersion, limit) {
      const rows = await db.query<{ account_id: string }>(
        `SELECT f.account_id FROM account_facts f LEFT JOIN account_state s ON s.account_id = f.account_id
         WHERE s.account_id IS NULL OR s.evaluated_at < $1::timestamptz OR s.config_version <> $3
         ORDER BY s.evaluated_at NULLS FIRST, f.account_id LIMIT $2`,
        [at(before), limit, configVersion],
      );
      return rows.map((r) => r.account_id);
    },

    async pqlStates(limit) {
      const rows = await db.query<PqlRow>(
        `SELECT ${PQL_COLUMNS} FROM account_state WHERE pql_since IS NOT NULL ORDER BY pql_since, account_id LIMIT $1`,
        [limit],
      );
      return rows.map(toPql);
    },

    async suppressedStates(limit) {
      const rows = await db.query<PqlRow>(
        `SELECT ${PQL_COLUMNS} FROM account_state
         WHERE NOT eligible AND signals > 0 ORDER BY signals DESC, account_id LIMIT $1`,
        [limit],
      );
      return rows.map(toPql);
    },
  };
}
