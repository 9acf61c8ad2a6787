import type { SqlClient } from './sql-client.ts';
import type { ExperimentCounts, ExperimentWindows, ExposureRow, Storage } from './storage.ts';

const config = (experiments: ExperimentWindows) =>
  JSON.stringify(
    Object.entries(experiments).map(([id, e]) => ({
      experiment_id: id,
      goal: e.goal,
      days: e.days,
      unit: e.unit,
    })),
  );
const CFG = `SELECT * FROM jsonb_to_recordset($1::text::jsonb) AS c(experiment_id text, goal text, days int, unit text)`;

/**
 * Sets each listed unit's conversion to its first server-reported goal event inside its window
 * after its first exposure (or none), read from the unit's account's events through the
 * (account, type, ts) index. Exact whatever order exposures and goals arrive in.
 */
const RECOMPUTE = (units: string) => `
  UPDATE experiment_units u SET converted_at = (
    SELECT min(g.ts) FROM events g
    WHERE g.account_id = u.account_id AND g.source = 'server' AND g.type IN ('upgrade_completed', 'custom')
      AND (g.type = c.goal OR (g.type = 'custom' AND g.payload->>'name' = c.goal))
      AND (c.unit <> 'user' OR g.user_id = u.unit_id)
      AND g.ts >= u.exposed_at AND g.ts < u.exposed_at + make_interval(days => c.days)
  )
  FROM (${CFG}) c, ${units}
  WHERE c.experiment_id = u.experiment_id AND p.experiment_id = u.experiment_id AND p.unit_id = u.unit_id`;
// An exposure's version, as ingest reads it: 1 when the event named none.
const VERSION = `coalesce((e.payload->>'experimentVersion')::int, 1)`;

type ExperimentStorage = Pick<Storage, 'experimentCounts' | 'recordExposures' | 'recordConversions'> & {
  /**
   * Recomputes `experiment_units` for these experiments from the raw events; with `pruned`, a
   * unit whose first exposure was deleted by retention keeps its row (it is still the first).
   */
  rebuildExperiments(
    tx: Pick<SqlClient, 'query'>,
    experiments: ExperimentWindows,
    pruned: boolean,
  ): Promise<void>;
};

/**
 * Experiment results from `experiment_units` (one row per experiment version and unit: its first
 * exposure, by receive time, and its first conversion in the window), kept current as events
 * arrive, so a report costs O(units), not O(events).
 */
export function createSqlExperiments(db: Pick<SqlClient, 'query'>): ExperimentStorage {
  return {
    async recordExposures(rows, experiments) {
      if (rows.length === 0) return;
      // First exposure per version wins: earliest receive time, then smallest event id (as a rebuild orders).
      const first = new Map<string, ExposureRow>();
      for (const row of rows) {
        const key = `${row.experimentId}\u0001${row.version}\u0001${row.unitId}`;
        const seen = first.get(key);
        if (
          !seen ||
          row.exposedAt < seen.exposedAt ||
          (row.exposedAt === seen.exposedAt && row.eventId < seen.eventId)
        )
          first.set(key, row);
      }
      const list = [...first.values()].map((r) => ({
        experiment_id: r.experimentId,
        experiment_version: r.version,
        unit_id: r.unitId,
        account_id: r.accountId,
        variant_id: r.variantId,
        exposed_at: r.exposedAt,
        event_id: r.eventId,
      }));
      await db.query(
        `WITH p AS (
           SELECT * FROM jsonb_to_recordset($1::text::jsonb)
             AS x(experiment_id text, experiment_version int, unit_id text, account_id text, variant_id text,
               exposed_at float8, event_id text)
         ), upserted AS (
           INSERT INTO experiment_units AS u
             (experiment_id, experiment_version, unit_id, account_id, variant_id, exposed_at, exposure_id)
           SELECT experiment_id, experiment_version, unit_id, account_id, variant_id,
             to_timestamp(exposed_at / 1000.0), event_id FROM p
           ORDER BY experiment_id, experiment_version, unit_id
           ON CONFLICT (experiment_id, experiment_version, unit_id) DO UPDATE SET account_id = excluded.account_id,
             variant_id = excluded.variant_id, exposed_at = excluded.exposed_at, exposure_id = excluded.exposure_id
           WHERE (excluded.exposed_at, excluded.exposure_id) < (u.exposed_at, u.exposure_id)
           RETURNING experiment_id, unit_id
         )
         SELECT count(*)::int AS n FROM upserted`,
        [JSON.stringify(list)],
      );
      // Goals may have arrived before the exposure (a backend clock ahead of ours).
      await db.query(
        RECOMPUTE(`jsonb_to_recordset($2::text::jsonb) AS p(experiment_id text, unit_id text)`),
        [
          config(experiments),
          JSON.stringify(list.map(({ experiment_id, unit_id }) => ({ experiment_id, unit_id }))),
        ],
      );
    },

    async recordConversions(goals, experiments) {
      const pairs = new Map<string, { experiment_id: string; unit_id: string }>();
      for (const goal of goals) {
        for (const [id, e] of Object.entries(experiments)) {
          if (e.goal !== goal.name) continue;
          const unit = e.unit === 'user' ? goal.userId : goal.accountId;
          if (unit !== null) pairs.set(`${id}\u0001${unit}`, { experiment_id: id, unit_id: unit });
        }
      }
      if (pairs.size === 0) return;
      await db.query(
        RECOMPUTE(`jsonb_to_recordset($2::text::jsonb) AS p(experiment_id text, unit_id text)`),
        [config(experiments), JSON.stringify([...pairs.values()])],
      );
    },

    async experimentCounts(experiments) {
      const ids = Object.keys(experiments);
      if (ids.length === 0) return [];
      const rows = await db.query<{
        experiment_id: string;
        experiment_version: number;
        variant_id: string;
        exposures: number;
        conversions: number;
      }>(
        `SELECT experiment_id, experiment_version, variant_id, count(*)::int AS exposures,
           count(converted_at)::int AS conversions
         FROM experiment_units WHERE experiment_id = ANY($1::text[]) GROUP BY 1, 2, 3 ORDER BY 1, 2 DESC, 3`,
        [ids],
      );
      return rows.map(
        (r): ExperimentCounts => ({
          experimentId: r.experiment_id,
          version: r.experiment_version,
          variantId: r.variant_id,
          exposures: r.exposures,
          conversions: r.conversions,
        }),
      );
    },

    async rebuildExperiments(tx, experiments, pruned) {
      const ids = Object.keys(experiments);
      await tx.query(
        pruned
          ? `DELETE FROM experiment_units u WHERE experiment_id = ANY($1::text[]) AND EXISTS (
               SELECT 1 FROM events e WHERE e.id = u.exposure_id AND e.account_id = u.account_id AND e.source = 'browser')`
          : 'DELETE FROM experiment_units WHERE experiment_id = ANY($1::text[])',
        [ids],
      );
      if (ids.length === 0) return;
      await tx.query(
        `INSERT INTO experiment_units
           (experiment_id, experiment_version, unit_id, account_id, variant_id, exposed_at, exposure_id)
         SELECT DISTINCT ON (c.experiment_id, ${VERSION}, unit_id) c.experiment_id, ${VERSION},
           CASE WHEN c.unit = 'user' THEN e.user_id ELSE e.account_id END AS unit_id, e.account_id,
           e.payload->>'variantId', e.received_at, e.id
         FROM events e JOIN (${CFG}) c ON e.type = 'exposure' AND e.payload->>'experimentId' = c.experiment_id
         WHERE (CASE WHEN c.unit = 'user' THEN e.user_id ELSE e.account_id END) IS NOT NULL
         ORDER BY c.experiment_id, ${VERSION}, unit_id, e.received_at, e.id
         ON CONFLICT (experiment_id, experiment_version, unit_id) DO NOTHING`,
        [config(experiments)],
      );
      await tx.query(
        RECOMPUTE(
          `(SELECT experiment_id, unit_id FROM experiment_units WHERE experiment_id = ANY($2::text[])) p`,
        ),
        [config(experiments), ids],
      );
    },
  };
}
