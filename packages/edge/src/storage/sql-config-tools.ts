import type { SqlClient } from './sql-client.ts';
import type { AccountFact, Storage } from './storage.ts';

/** What the config tools read from a SQL store. */
export type ConfigToolStorage = Required<Pick<Storage, 'accountFacts' | 'serverUpgrades' | 'eventSpan'>>;

/** The reads behind the impact preview and the backtest: aggregates and indexed slices only. */
export function createSqlConfigTools(db: Pick<SqlClient, 'query'>): ConfigToolStorage {
  return {
    async accountFacts(after, limit) {
      // Keyset pagination on the primary key: each page is an index range, never an offset.
      const rows = await db.query<{ account_id: string; facts: string }>(
        `SELECT account_id, facts::text AS facts FROM account_facts WHERE account_id > $1
         ORDER BY account_id LIMIT $2`,
        [after, limit],
      );
      return rows.map((r) => ({
        accountId: r.account_id,
        facts: JSON.parse(r.facts) as Record<string, AccountFact>,
      }));
    },

    async serverUpgrades() {
      // Through events_funnel_type_ts: the rare upgrade rows, not the event table.
      const rows = await db.query<{
        account_id: string;
        ts: number;
        plan: string | null;
        amount: number | null;
      }>(
        `SELECT account_id, (extract(epoch FROM ts) * 1000)::float8 AS ts, payload->>'plan' AS plan,
           (payload->>'amount')::float8 AS amount
         FROM events WHERE type = 'upgrade_completed' AND source = 'server' ORDER BY ts`,
      );
      return rows.map((r) => ({
        accountId: r.account_id,
        ts: Math.round(r.ts),
        ...(r.plan === null ? {} : { plan: r.plan }),
        ...(r.amount === null ? {} : { amount: r.amount }),
      }));
    },

    async eventSpan() {
      const [row] = await db.query<{ events: number; first_ts: number | null }>(
        `SELECT count(*)::float8 AS events, (extract(epoch FROM min(ts)) * 1000)::float8 AS first_ts FROM events`,
      );
      return {
        events: Number(row?.events ?? 0),
        firstTs: row?.first_ts == null ? null : Math.round(row.first_ts),
      };
    },
  };
}
