export {
  signWebhookPayload,
  type VerifyWebhookOptions,
  verifyWebhookSignature,
} from '@headroom/server';
export { type AdminTokens, parseAdminTokens } from './admin-tokens.ts';
export { assertStrongSecrets, MIN_SECRET_BYTES, WeakSecretError } from './assert-strong-secrets.ts';
export {
  type BacktestComparison,
  type BacktestLine,
  type ConfigImpact,
  type ConfigTools,
  configTools,
  type PromptImpact,
  type Proportion,
  type TriggerFigures,
  type TriggerImpact,
} from './config-tools.ts';
export type { EdgeApp } from './create-edge-app.ts';
export { createEdgeApp } from './create-edge-app-with-tools.ts';
export type { EdgeOptions, LogLine } from './edge-options.ts';
export { type AccountEvaluation, evaluateAccount, type FactClaims } from './evaluate-account.ts';
export {
  createHandoffDelivery,
  type HandoffDelivery,
  type HandoffDeliveryOptions,
} from './handoff-delivery.ts';
export { type ErrorIssue, HttpError } from './http-error.ts';
export type { RateLimit, RateLimiter } from './rate-limiter.ts';
export { MAX_BODY_BYTES } from './read-json.ts';
export { MAX_EVENTS_PER_BATCH } from './routes/events-route.ts';
export type { SchemaCompiler } from './schema-compiler.ts';
export type { SharedLimitStore } from './shared-limit-store.ts';
export { createSharedRateLimiter, sharedLimiters } from './shared-rate-limiter.ts';
export { createPgliteClient, createPgliteStorage } from './storage/pglite-storage.ts';
export {
  createPostgresClient,
  createPostgresStorage,
  type PostgresStorageOptions,
} from './storage/postgres-storage.ts';
export type { SqlClient } from './storage/sql-client.ts';
export { createSqlStorage } from './storage/sql-storage.ts';
export {
  type AccountFact,
  type AccountHistory,
  type AccountInputs,
  type AccountSignals,
  type AccountStateRow,
  type ConfigVersion,
  type EventSource,
  type ExpansionFigures,
  type ExpansionSlice,
  type ExpansionTriggerRow,
  type ExperimentCounts,
  type ExperimentWindows,
  type ExposureRow,
  type FactSource,
  type FunnelReport,
  type FunnelRow,
  type Handoff,
  type HandoffPayload,
  type HandoffRequest,
  type HandoffStatus,
  type HoldoutGroupRow,
  type OutboxItem,
  type PqlStateRow,
  type RouteDecisionRow,
  type Storage,
  type StoredEvent,
  storedEventKey,
} from './storage/storage.ts';
export { type AccountTokenClaims, type SignAccountTokenOptions, signAccountToken } from './token.ts';
export { TOKEN_CLOCK_TOLERANCE_S, verifyAccountToken } from './verify-account-token.ts';
