// Disk used by a loaded store: Postgres relations (table + indexes + TOAST) and the whole
// database; PGlite's data folder.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const TABLES = [
  'events',
  'account_days',
  'account_facts',
  'account_state',
  'trigger_fires',
  'route_decisions',
  'handoffs',
  'outbox',
];

/** Bytes per table (pg_total_relation_size) and `total` (pg_database_size). */
export async function diskOfPostgres(db) {
  const rows = await db.unsafe(
    `SELECT relname, pg_total_relation_size(oid)::float8 AS bytes FROM pg_class WHERE relkind = 'r' AND relname = ANY($1)`,
    [TABLES],
  );
  const out = {};
  for (const t of TABLES) out[t] = rows.find((r) => r.relname === t)?.bytes ?? 0;
  const [db_] = await db.unsafe('SELECT pg_database_size(current_database())::float8 AS bytes');
  out.total = db_.bytes;
  return out;
}

/** Bytes of every file under the PGlite folder. */
export function diskOfPglite(dir) {
  let total = 0;
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else total += statSync(p).size;
    }
  };
  walk(dir);
  return { total };
}
