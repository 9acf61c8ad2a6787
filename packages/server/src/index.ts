export {
  type AccountTraits,
  accountTraitsBatchSchema,
  accountTraitsSchema,
  MAX_ACCOUNTS_PER_BATCH,
  type UpsertAccountsResult,
  upsertAccountsResultSchema,
} from './account-traits.ts';
export { createServerClient, type ServerClient, type ServerClientOptions } from './create-server-client.ts';
export { type HandoffPayload, handoffPayloadSchema } from './handoff-payload.ts';
export { type HandoffVerificationCode, HandoffVerificationError } from './handoff-verification-error.ts';
export {
  HeadroomApiError,
  HeadroomEventRejectedError,
  HeadroomNetworkError,
  type ServerIssue,
} from './server-errors.ts';
export {
  type ReportResult,
  type ServerEventsResult,
  serverEventsResultSchema,
  type UpgradeReport,
  type UsageReport,
  upgradeReportSchema,
  usageReportSchema,
} from './server-events.ts';
export {
  type AccountTokenClaims,
  type SignAccountTokenOptions,
  signAccountToken,
} from './sign-account-token.ts';
export { verifyHandoff, type WebhookHeaders } from './verify-handoff.ts';
export {
  DEFAULT_TOLERANCE_SECONDS,
  SIGNATURE_HEADER,
  signWebhookPayload,
  type VerifyWebhookOptions,
  verifyWebhookSignature,
} from './webhook-signature.ts';
