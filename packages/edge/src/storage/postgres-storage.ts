import postgres from 'postgres';
import type { SqlClient } from './sql-client.ts';
import { createSqlConfigTools } from './sql-config-tools.ts';
import { createSqlStorage } from './sql-storage.ts';
import type { Storage } from './storage.ts';

/** Options for `createPostgresStorage`. */
export interface PostgresStorageOptions {
  /** Connections in the pool. @default 10 */
  max?: number;
}

/**
 * Postgres storage through the `postgres` driver, migrated and ready. Many edge instances
 * can share one database; migrations take an advisory lock.
 * @example
 * const storage = await createPostgresStorage(process.env.DATABASE_URL!);
 */
export async function createPostgresStorage(
  url: string,
  options: PostgresStorageOptions = {},
): Promise<Storage> {
  const client = createPostgresClient(url, options);
  const storage = createSqlStorage(client);
  await storage.migrate();
  // The impact preview's and the backtest's reads (kept out of createSqlStorage, which the worker bundles).
  return { ...storage, ...createSqlConfigTools(client) };
}

/** A `SqlClient` over postgres.js (a pool of `max` connections). */
export function createPostgresClient(url: string, options: PostgresStorageOptions = {}): SqlClient {
  const sql = postgres(url, { max: options.max ?? 10, onnotice: () => {}, prepare: true });
  const wrap = (run: postgres.Sql | postgres.TransactionSql): Pick<SqlClient, 'query' | 'exec'> => ({
    async query<Row extends object>(text: string, params: readonly unknown[] = []) {
      return (await run.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as Row[];
    },
    async exec(text: string) {
      await run.unsafe(text);
    },
  });
  const client: SqlClient = {
    ...wrap(sql),
    async transaction(fn) {
      return (await sql.begin((tx) => fn(wrap(tx)))) as Awaited<ReturnType<typeof fn>>;
    },
    close: () => sql.end({ timeout: 5 }),
  };
  return client;
}
