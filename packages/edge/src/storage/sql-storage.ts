import { DAY_MS, type HeadroomConfig } from '@headroom/core';
import { accountDaysOf, mergeAccountDays } from './account-days-sql.ts';
import { ConfigConflictError } from './config-conflict-error.ts';
import { mergeActivityDays, mergeRevenueChanges } from './expansion-aggregates-sql.ts';
import { keepFunnelSteps, rebuildFunnelSteps } from './funnel-steps-sql.ts';
import { MIGRATIONS } from './migrations.ts';
import { mergePromptClickDays } from './prompt-click-days-sql.ts';
import { createSqlAccounts } from './sql-accounts.ts';
import type { SqlClient } from './sql-client.ts';
import { createSqlExpansion } from './sql-expansion.ts';
import { createSqlExperiments } from './sql-experiments.ts';
import { createSqlReports } from './sql-reports.ts';
import {
  type ConfigVersion,
  type EventSource,
  type Handoff,
  type HandoffPayload,
  type HandoffStatus,
  type Storage,
  type StoredEvent,
  storedEventKey,
} from './storage.ts';

// Timestamps cross the driver boundary as ISO strings / epoch ms so PGlite and postgres.js
// (which parse types differently) return identical values; json crosses as text for the same reason.
const iso = (expr: string) => `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const at = (ms: number) => new Date(ms).toISOString();
const MIGRATION_LOCK = 7_411_001;
const HANDOFF_LOCK = 7_411_002;
const CONFIG_LOCK = 7_411_003;

interface HandoffRow {
  id: string;
  account_id: string;
  status: HandoffStatus;
  attempts: number;
  created_at: string;
  delivered_at: string | null;
  last_error: string | null;
  payload: string;
}
const HANDOFF_COLUMNS = `id, account_id, status, attempts, ${iso('created_at')} AS created_at,
  ${iso('delivered_at')} AS delivered_at, last_error, payload::text AS payload`;
const toHandoff = (row: HandoffRow): Handoff => ({
  id: row.id,
  accountId: row.account_id,
  status: row.status,
  attempts: row.attempts,
  createdAt: row.created_at,
  deliveredAt: row.delivered_at,
  lastError: row.last_error,
  payload: JSON.parse(row.payload) as HandoffPayload,
});

interface ConfigRow {
  version: number;
  config?: string;
  published_at: string;
  note: string | null;
  published_by: string | null;
}
const toVersion = (row: ConfigRow): Omit<ConfigVersion, 'config'> => ({
  version: row.version,
  publishedAt: row.published_at,
  ...(row.note === null ? {} : { note: row.note }),
  ...(row.published_by === null ? {} : { publishedBy: row.published_by }),
});

/** Implements `Storage` over any `SqlClient`; both built-in storages use it. */
export function createSqlStorage(db: SqlClient): Storage {
  const experiments = createSqlExperiments(db);
  return {
    async migrate() {
      await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await tx.exec(
          'CREATE TABLE IF NOT EXISTS headroom_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
        );
        const done = new Set(
          (await tx.query<{ version: number }>('SELECT version FROM headroom_migrations')).map(
            (r) => r.version,
          ),
        );
        for (const migration of MIGRATIONS) {
          if (done.has(migration.version)) continue;
          await tx.exec(migration.sql);
          await tx.query('INSERT INTO headroom_migrations (version, name) VALUES ($1, $2)', [
            migration.version,
            migration.name,
          ]);
        }
      });
    },

    async insertEvents(events) {
      if (events.length === 0) return new Set();
      // One statement per batch, columns as arrays: the payload is parsed once (as jsonb). The
      // rows that were new also update their account's daily facts (and prompt click days) in the
      // same statement, so those aggregates can never drift from the events (a duplicate adds nothing).
      const inserted = await db.query<{ id: string; account_id: string; source: EventSource; type: string }>(
        `WITH ins AS (
           INSERT INTO events (id, account_id, user_id, type, ts, received_at, source, payload)
           SELECT id, account_id, user_id, type, to_timestamp(ts / 1000.0), to_timestamp(received_at / 1000.0), source, payload::jsonb
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[], $8::text[])
             AS x(id, account_id, user_id, type, ts, received_at, source, payload)
           ON CONFLICT (id, account_id, source) DO NOTHING
           RETURNING id, account_id, user_id, type, ts, received_at, source, payload
         ), facts AS (${accountDaysOf('ins')}
         ), days AS (${mergeAccountDays('facts')}
         ), clicks AS (${mergePromptClickDays('ins')}
         ), active AS (${mergeActivityDays('ins')}
         ), revenue AS (${mergeRevenueChanges('ins')}
         )
         SELECT id, account_id, source, type FROM ins`,
        [
          events.map((e) => e.id),
          events.map((e) => e.accountId),
          events.map((e) => e.userId),
          events.map((e) => e.type),
          // Whole milliseconds: Postgres float8 rejects subnormals such as 5e-324.
          events.map((e) => Math.round(e.ts)),
          events.map((e) => Math.round(e.receivedAt)),
          events.map((e) => e.source),
          events.map((e) => JSON.stringify(e.payload)),
        ],
      );
      return new Set(
        inserted.map((r) => storedEventKey({ id: r.id, accountId: r.account_id, source: r.source })),
      );
    },

    keepFunnelSteps: (accountIds) => keepFunnelSteps(db, accountIds),

    async latestConfig() {
      const [row] = await db.query<ConfigRow>(
        `SELECT version, config::text AS config, ${iso('published_at')} AS published_at, note, published_by
         FROM config_versions ORDER BY version DESC LIMIT 1`,
      );
      return row ? { ...toVersion(row), config: JSON.parse(row.config ?? 'null') as HeadroomConfig } : null;
    },

    async configVersion(version) {
      const [row] = await db.query<ConfigRow>(
        `SELECT version, config::text AS config, ${iso('published_at')} AS published_at, note, published_by
         FROM config_versions WHERE version = $1`,
        [version],
      );
      return row ? { ...toVersion(row), config: JSON.parse(row.config ?? 'null') as HeadroomConfig } : null;
    },

    async configVersions() {
      const rows = await db.query<ConfigRow>(
        `SELECT version, ${iso('published_at')} AS published_at, note, published_by FROM config_versions ORDER BY version DESC`,
      );
      return rows.map(toVersion);
    },

    async publishConfig(config, note, now, ifVersion, publishedBy) {
      // One publish at a time (a transaction-scoped advisory lock): racing on the primary key
      // instead left 1–2 of 40 concurrent publishes on Postgres without a version (500), and
      // the If-Match check must see the version it replaces.
      return db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [CONFIG_LOCK]);
        const [latest] = await tx.query<{ version: number | null }>(
          'SELECT max(version) AS version FROM config_versions',
        );
        const current = Number(latest?.version ?? 0);
        if (ifVersion !== undefined && ifVersion !== current) throw new ConfigConflictError(current);
        const [row] = await tx.query<{ version: number }>(
          `INSERT INTO config_versions (version, config, published_at, note, published_by)
           VALUES ($1, $2::text::jsonb, $3::timestamptz, $4, $5) RETURNING version`,
          [current + 1, JSON.stringify(config), at(now), note ?? null, publishedBy ?? null],
        );
        return row?.version ?? 0;
      });
    },

    async createHandoff({ scope, dedupeKey, payload, now, openMs, maxPerDay }) {
      // One transaction under a per-account advisory lock: the open-handoff check, the quota
      // and the insert cannot interleave with another instance's for the same account.
      return db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [HANDOFF_LOCK, payload.account.id]);
        const [open] = await tx.query<HandoffRow>(
          `SELECT ${HANDOFF_COLUMNS} FROM handoffs
           WHERE (account_id = $1 AND scope = $2 AND created_at > $3::timestamptz) OR dedupe_key = $4
           ORDER BY created_at DESC LIMIT 1`,
          [payload.account.id, scope, at(now - openMs), dedupeKey],
        );
        if (open) return { handoff: toHandoff(open), created: false, reason: 'open' as const };
        const [today] = await tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM handoffs WHERE account_id = $1 AND created_at > $2::timestamptz`,
          [payload.account.id, at(now - DAY_MS)],
        );
        if ((today?.n ?? 0) >= maxPerDay) {
          const [latest] = await tx.query<HandoffRow>(
            `SELECT ${HANDOFF_COLUMNS} FROM handoffs WHERE account_id = $1 ORDER BY created_at DESC LIMIT 1`,
            [payload.account.id],
          );
          return { handoff: latest ? toHandoff(latest) : null, created: false, reason: 'quota' as const };
        }
        // Handoff and outbox row commit together, so a crash never leaves one without the other.
        const [row] = await tx.query<HandoffRow>(
          `INSERT INTO handoffs (id, dedupe_key, account_id, status, attempts, created_at, payload, scope)
           VALUES ($1, $2, $3, 'pending', 0, $4::timestamptz, $5::text::jsonb, $6)
           RETURNING ${HANDOFF_COLUMNS}`,
          [payload.handoffId, dedupeKey, payload.account.id, at(now), JSON.stringify(payload), scope],
        );
        await tx.query('INSERT INTO outbox (handoff_id, next_attempt_at) VALUES ($1, $2::timestamptz)', [
          payload.handoffId,
          at(now),
        ]);
        if (!row) throw new Error('handoff vanished after insert');
        return { handoff: toHandoff(row), created: true };
      });
    },

    async recordRouteDecisions(rows) {
      if (rows.length === 0) return;
      await db.query(
        `INSERT INTO route_decisions (account_id, user_id, plan, seats, route, reasons, expansion_acv, source, needs,
           handoff_id, decided_at, repeats)
         SELECT account_id, user_id, plan, seats, route, reasons, expansion_acv, source, needs, handoff_id,
           to_timestamp(decided_at / 1000.0), repeats
         FROM jsonb_to_recordset($1::text::jsonb) AS x(account_id text, user_id text, plan text, seats int, route text,
           reasons jsonb, expansion_acv float8, source text, needs jsonb, handoff_id text, decided_at float8, repeats int)`,
        [
          JSON.stringify(
            rows.map((r) => ({
              account_id: r.accountId,
              user_id: r.userId,
              plan: r.plan,
              seats: r.seats,
              route: r.route,
              reasons: r.reasons,
              expansion_acv: r.expansionAcv,
              source: r.source,
              needs: r.needs,
              handoff_id: r.handoffId,
              decided_at: r.decidedAt,
              repeats: r.repeats,
            })),
          ),
        ],
      );
      await keepFunnelSteps(
        db,
        rows.map((r) => r.accountId),
      );
    },

    async handoffs(limit) {
      const rows = await db.query<HandoffRow>(
        `SELECT ${HANDOFF_COLUMNS} FROM handoffs ORDER BY created_at DESC, id DESC LIMIT $1`,
        [limit],
      );
      return rows.map(toHandoff);
    },

    async claimOutbox(now, limit, lockMs) {
      const rows = await db.query<{
        outbox_id: string;
        handoff_id: string;
        attempts: number;
        payload: string;
      }>(
        `UPDATE outbox o SET locked_until = $2::timestamptz FROM handoffs h
         WHERE o.id IN (
           SELECT id FROM outbox WHERE NOT done AND next_attempt_at <= $1::timestamptz
             AND (locked_until IS NULL OR locked_until <= $1::timestamptz)
           ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED
         ) AND h.id = o.handoff_id
         RETURNING o.id::text AS outbox_id, o.handoff_id, o.attempts, h.payload::text AS payload`,
        [at(now), at(now + lockMs), limit],
      );
      return rows.map((r) => ({
        outboxId: r.outbox_id,
        handoffId: r.handoff_id,
        attempts: r.attempts,
        payload: JSON.parse(r.payload) as HandoffPayload,
      }));
    },

    async markDelivered(item, now) {
      await db.query(
        `WITH o AS (
           UPDATE outbox SET done = true, attempts = attempts + 1, locked_until = NULL
           WHERE id = $1::bigint RETURNING handoff_id
         )
         UPDATE handoffs SET status = 'delivered', attempts = attempts + 1, delivered_at = $2::timestamptz, last_error = NULL
         WHERE id IN (SELECT handoff_id FROM o)`,
        [item.outboxId, at(now)],
      );
    },

    async markFailed(item, error, now, retryAt) {
      await db.query(
        `WITH o AS (
           UPDATE outbox SET attempts = attempts + 1, locked_until = NULL, done = $3::boolean,
             next_attempt_at = coalesce($2::timestamptz, next_attempt_at)
           WHERE id = $1::bigint RETURNING handoff_id
         )
         UPDATE handoffs SET attempts = attempts + 1, last_error = $4,
           status = CASE WHEN $3::boolean THEN 'failed' ELSE status END
         WHERE id IN (SELECT handoff_id FROM o)`,
        [
          item.outboxId,
          retryAt === null ? null : at(Math.max(retryAt, now)),
          retryAt === null,
          error.slice(0, 500),
        ],
      );
    },

    async pendingOutbox() {
      const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE NOT done');
      return row?.n ?? 0;
    },

    ...createSqlReports(db),
    ...createSqlExpansion(db),
    ...createSqlAccounts(db),
    experimentCounts: experiments.experimentCounts,
    recordExposures: experiments.recordExposures,
    recordConversions: experiments.recordConversions,

    async rebuildAggregates(windows) {
      await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        const [horizon] = await tx.query<{ before: string }>(
          `SELECT ${iso('pruned_before')} AS before FROM event_retention`,
        );
        if (horizon) {
          // Days before the retention horizon (a UTC midnight) lost browser events: keep them.
          const kept = '(SELECT * FROM events WHERE ts >= $1::timestamptz) k';
          const day = `($1::timestamptz AT TIME ZONE 'UTC')::date`;
          const since = [horizon.before];
          await tx.query(`DELETE FROM account_days WHERE day >= ${day}`, since);
          await tx.query(mergeAccountDays(`(${accountDaysOf(kept)}) f`), since);
          await tx.query(`DELETE FROM prompt_click_days WHERE day >= ${day}`, since);
          await tx.query(mergePromptClickDays(kept), since);
          await tx.query(`DELETE FROM activity_days WHERE day >= ${day}`, since);
          await tx.query(mergeActivityDays(kept), since);
        } else {
          await tx.query('TRUNCATE account_days');
          await tx.query(mergeAccountDays(`(${accountDaysOf('events')}) f`));
          await tx.query('TRUNCATE prompt_click_days');
          await tx.query(mergePromptClickDays('events'));
          await tx.query('TRUNCATE activity_days');
          await tx.query(mergeActivityDays('events'));
        }
        // Server events are never pruned: the ledger is rebuilt whole.
        await tx.query('TRUNCATE revenue_changes');
        await tx.query(mergeRevenueChanges('events'));
        await rebuildFunnelSteps(tx, horizon !== undefined);
        await experiments.rebuildExperiments(tx, windows, horizon !== undefined);
        await tx.query('DELETE FROM aggregate_rebuilds');
      });
    },

    async pruneEvents(before, limit) {
      // Oldest first through events_browser_ts; the horizon is recorded in the same statement.
      const [row] = await db.query<{ n: number }>(
        `WITH mark AS (
           INSERT INTO event_retention (id, pruned_before) VALUES (true, $1::timestamptz)
           ON CONFLICT (id) DO UPDATE SET pruned_before = greatest(event_retention.pruned_before, excluded.pruned_before)
         ), gone AS (
           DELETE FROM events WHERE ctid = ANY(ARRAY(
             SELECT ctid FROM events WHERE source = 'browser' AND ts < $1::timestamptz ORDER BY ts LIMIT $2
           ))
           RETURNING 1
         )
         SELECT count(*)::int AS n FROM gone`,
        [at(before), limit],
      );
      return row?.n ?? 0;
    },

    async pendingRebuild() {
      const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM aggregate_rebuilds');
      return (row?.n ?? 0) > 0;
    },

    async *exportEvents(sinceMs, pageSize = 1000) {
      // Keyset pagination on the primary key (UUIDv7, so roughly event time order): no extra
      // index on received_at slows ingest for this rare export.
      // The key is (id, account_id, source): two accounts may hold the same id.
      let cursor: [string, string, string] = ['', '', ''];
      for (;;) {
        const rows = await db.query<{
          id: string;
          account_id: string;
          user_id: string | null;
          type: StoredEvent['type'];
          ts: number;
          received_at: number;
          source: StoredEvent['source'];
          payload: string;
        }>(
          `SELECT id, account_id, user_id, type, (extract(epoch FROM ts) * 1000)::float8 AS ts,
             (extract(epoch FROM received_at) * 1000)::float8 AS received_at, source, payload::text AS payload
           FROM events WHERE (id, account_id, source) > ($1, $4, $5) AND received_at >= $2::timestamptz
           ORDER BY id, account_id, source LIMIT $3`,
          [cursor[0], at(sinceMs), pageSize, cursor[1], cursor[2]],
        );
        if (rows.length === 0) return;
        yield rows.map((r) => ({
          id: r.id,
          accountId: r.account_id,
          userId: r.user_id,
          type: r.type,
          ts: Math.round(r.ts),
          receivedAt: Math.round(r.received_at),
          source: r.source,
          payload: JSON.parse(r.payload) as StoredEvent['payload'],
        }));
        const last = rows[rows.length - 1];
        if (!last || rows.length < pageSize) return;
        cursor = [last.id, last.account_id, last.source];
      }
    },

    async ping() {
      await db.query('SELECT 1');
    },

    close() {
      return db.close();
    },
  };
}
