import type { HeadroomConfig } from '@headroom/core';
import { ConfigConflictError } from './config-conflict-error.ts';
import { MIGRATIONS } from './migrations.ts';
import type { SqlClient } from './sql-client.ts';
import { createSqlReports } from './sql-reports.ts';
import type {
  AccountHistory,
  AccountSignals,
  ConfigVersion,
  Handoff,
  HandoffPayload,
  HandoffStatus,
  Storage,
  StoredEvent,
} from './storage.ts';

// Timestamps cross the driver boundary as ISO strings / epoch ms so PGlite and postgres.js
// (which parse types differently) return identical values; json crosses as text for the same reason.
const iso = (expr: string) => `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const at = (ms: number) => new Date(ms).toISOString();
const MIGRATION_LOCK = 7_411_001;
const CONFIG_LOCK = 7_411_002;

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
}
const toVersion = (row: ConfigRow): Omit<ConfigVersion, 'config'> => ({
  version: row.version,
  publishedAt: row.published_at,
  ...(row.note === null ? {} : { note: row.note }),
});

/** Implements `Storage` over any `SqlClient`; both built-in storages use it. */
export function createSqlStorage(db: SqlClient): Storage {
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

  async function signals(
    accountId: string,
    activeSinceMs: number,
    usageSinceMs: number,
  ): Promise<AccountSignals> {
    const [row] = await db.query<{ first_pql_at: string | null; active: string; usage: string }>(signalsSql, [
      accountId,
      at(activeSinceMs),
      at(usageSinceMs),
    ]);
    return {
      firstPqlAt: row?.first_pql_at ?? null,
      activeTriggers: row ? (JSON.parse(row.active) as string[]).sort() : [],
      usage: row ? (JSON.parse(row.usage) as Record<string, number>) : {},
    };
  }

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
      // One statement per batch, columns as arrays: the payload is parsed once (as jsonb).
      const inserted = await db.query<{ id: string }>(
        `INSERT INTO events (id, account_id, user_id, type, ts, received_at, source, payload)
         SELECT id, account_id, user_id, type, to_timestamp(ts / 1000.0), to_timestamp(received_at / 1000.0), source, payload::jsonb
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[], $8::text[])
           AS x(id, account_id, user_id, type, ts, received_at, source, payload)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
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
      return new Set(inserted.map((r) => r.id));
    },

    async latestConfig() {
      const [row] = await db.query<ConfigRow>(
        `SELECT version, config::text AS config, ${iso('published_at')} AS published_at, note
         FROM config_versions ORDER BY version DESC LIMIT 1`,
      );
      return row ? { ...toVersion(row), config: JSON.parse(row.config ?? 'null') as HeadroomConfig } : null;
    },

    async configVersion(version) {
      const [row] = await db.query<ConfigRow>(
        `SELECT version, config::text AS config, ${iso('published_at')} AS published_at, note
         FROM config_versions WHERE version = $1`,
        [version],
      );
      return row ? { ...toVersion(row), config: JSON.parse(row.config ?? 'null') as HeadroomConfig } : null;
    },

    async configVersions() {
      const rows = await db.query<ConfigRow>(
        `SELECT version, ${iso('published_at')} AS published_at, note FROM config_versions ORDER BY version DESC`,
      );
      return rows.map(toVersion);
    },

    async publishConfig(config, note, now, ifVersion) {
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
          `INSERT INTO config_versions (version, config, published_at, note)
           VALUES ($1, $2::text::jsonb, $3::timestamptz, $4) RETURNING version`,
          [current + 1, JSON.stringify(config), at(now), note ?? null],
        );
        return row?.version ?? 0;
      });
    },

    async accountHistory(accountId, userId, sinceMs, activeSinceMs) {
      const since = at(sinceMs);
      const day = `to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
      const [gateHits, invites, sig] = await Promise.all([
        db.query<AccountHistory['gateHits'][number]>(
          `SELECT ${day} AS day, payload->>'feature' AS feature, count(*)::int AS count,
             (count(*) FILTER (WHERE user_id = $2))::int AS mine
           FROM events WHERE account_id = $1 AND type = 'gate_hit' AND ts >= $3::timestamptz
           GROUP BY 1, 2 ORDER BY 1, 2`,
          [accountId, userId, since],
        ),
        db.query<AccountHistory['invites'][number]>(
          `SELECT ${day} AS day, (count(*) FILTER (WHERE type = 'invite_sent'))::int AS sent,
             (count(*) FILTER (WHERE type = 'invite_accepted'))::int AS accepted,
             (count(*) FILTER (WHERE type = 'invite_sent' AND user_id = $2))::int AS mine
           FROM events WHERE account_id = $1 AND type IN ('invite_sent', 'invite_accepted') AND ts >= $3::timestamptz
           GROUP BY 1 ORDER BY 1`,
          [accountId, userId, since],
        ),
        signals(accountId, activeSinceMs, sinceMs),
      ]);
      return { gateHits, invites, ...sig };
    },

    accountSignals(accountId, activeSinceMs) {
      return signals(accountId, activeSinceMs, activeSinceMs);
    },

    async upsertAccount(s) {
      await db.query(
        `INSERT INTO accounts (id, plan, segment, acv, seats, seen_at) VALUES ($1, $2, $3, $4, $5, $6::timestamptz)
         ON CONFLICT (id) DO UPDATE SET plan = excluded.plan, segment = excluded.segment, acv = excluded.acv,
           seats = excluded.seats, seen_at = excluded.seen_at WHERE accounts.seen_at <= excluded.seen_at`,
        [s.accountId, s.plan, s.segment, s.acv, s.seats, at(s.seenAt)],
      );
    },

    async createHandoff(dedupeKey, payload, now) {
      // Handoff and outbox row land in one statement, so a crash never leaves one without the other.
      await db.query(
        `WITH h AS (
           INSERT INTO handoffs (id, dedupe_key, account_id, status, attempts, created_at, payload)
           VALUES ($1, $2, $3, 'pending', 0, $4::timestamptz, $5::text::jsonb)
           ON CONFLICT (dedupe_key) DO NOTHING RETURNING id
         )
         INSERT INTO outbox (handoff_id, next_attempt_at) SELECT id, $4::timestamptz FROM h`,
        [payload.handoffId, dedupeKey, payload.account.id, at(now), JSON.stringify(payload)],
      );
      const [row] = await db.query<HandoffRow>(
        `SELECT ${HANDOFF_COLUMNS} FROM handoffs WHERE dedupe_key = $1`,
        [dedupeKey],
      );
      if (!row) throw new Error('handoff vanished after insert');
      return { handoff: toHandoff(row), created: row.id === payload.handoffId };
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

    async *exportEvents(sinceMs, pageSize = 1000) {
      // Keyset pagination on the primary key (UUIDv7, so roughly event time order): no extra
      // index on received_at slows ingest for this rare export.
      let cursor = '';
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
           FROM events WHERE id > $1 AND received_at >= $2::timestamptz ORDER BY id LIMIT $3`,
          [cursor, at(sinceMs), pageSize],
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
        cursor = last.id;
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
