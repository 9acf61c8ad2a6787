import type { Hono } from 'hono';
import type { EdgeContext } from './edge-context.ts';
import { configToolRoutes } from './routes/config-tool-routes.ts';

/**
 * The publish step's previews: `POST /v1/admin/config/impact` and `POST /v1/admin/backtest`.
 * `createEdgeApp` from `@headroom/edge` and the Node server include them; the worker entry
 * leaves them out to stay small — pass `configTools` from `@headroom/edge/config-tools` to add them.
 */
export interface ConfigTools {
  /** Mounts the two routes behind the admin token (called by the app). */
  mount(app: Hono, ctx: EdgeContext): void;
}

/** The impact preview and the backtest, for `EdgeOptions.configTools`. */
export const configTools: ConfigTools = { mount: configToolRoutes };

export type { BacktestComparison, BacktestLine, Proportion, TriggerFigures } from './config-backtest.ts';
export type { ConfigImpact, PromptImpact, TriggerImpact } from './config-impact.ts';
/**
 * The reads the config tools need, over any `SqlClient`: spread them into a `createSqlStorage`
 * storage on runtimes that build their own (the PGlite and Postgres storages include them).
 * @example
 * storage: { ...createSqlStorage(db), ...createSqlConfigTools(db) }, configTools
 */
export { type ConfigToolStorage, createSqlConfigTools } from './storage/sql-config-tools.ts';
