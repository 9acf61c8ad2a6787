/** The few things the storage needs from a Postgres driver; PGlite and `postgres` both fit. */
export interface SqlClient {
  /** Runs one parameterised statement and returns its rows. */
  query<Row extends object>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters. */
  exec(text: string): Promise<void>;
  /** Runs `fn` in one transaction, holding a lock so only one instance migrates at once. */
  transaction<T>(fn: (tx: Pick<SqlClient, 'query' | 'exec'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
