import { PGlite } from '@electric-sql/pglite';
import { coalesceInserts } from './coalesce-inserts.ts';
import type { SqlClient } from './sql-client.ts';
import { createSqlConfigTools } from './sql-config-tools.ts';
import { createSqlStorage } from './sql-storage.ts';
import type { Storage } from './storage.ts';

/**
 * Embedded Postgres (PGlite) storage, migrated and ready. Single process only: PGlite holds
 * its folder exclusively.
 * @param dir data folder; omit for an in-memory database (tests).
 * @example
 * const storage = await createPgliteStorage('.headroom/db');
 */
export async function createPgliteStorage(dir?: string): Promise<Storage> {
  const client = await createPgliteClient(dir);
  const base = createSqlStorage(client);
  await base.migrate();
  // One connection: concurrent event batches share a statement and a commit.
  return {
    ...base,
    ...createSqlConfigTools(client),
    insertEvents: coalesceInserts((rows) => base.insertEvents(rows)),
  };
}

/** A `SqlClient` over an embedded PGlite database (in memory without `dir`). */
export async function createPgliteClient(dir?: string): Promise<SqlClient> {
  const pg = await PGlite.create(dir === undefined ? {} : { dataDir: dir });
  const client: SqlClient = {
    async query<Row extends object>(text: string, params: readonly unknown[] = []) {
      return (await pg.query<Row>(text, params as unknown[])).rows;
    },
    async exec(text) {
      await pg.exec(text);
    },
    transaction(fn) {
      return pg.transaction((tx) =>
        fn({
          query: async <Row extends object>(text: string, params: readonly unknown[] = []) =>
            (await tx.query<Row>(text, params as unknown[])).rows,
          exec: async (text: string) => {
            await tx.exec(text);
          },
        }),
      );
    },
    close: () => pg.close(),
  };
  return client;
}
