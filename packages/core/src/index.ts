export { type AccountClaims, accountClaimsSchema } from './account-claims.ts';
export {
  ASSIGNMENT_VERSION,
  type AssignableExperiment,
  type Assignment,
  assignVariant,
} from './assign-variant.ts';
export {
  checkEligibility,
  type Eligibility,
  type EligibilityClaims,
  type IneligibleReason,
  isEligible,
  segmentValue,
  type UnknownFact,
} from './check-eligibility.ts';
export type {
  CopyConfig,
  EligibilityConfig,
  ExperimentConfig,
  FatigueConfig,
  HeadroomConfig,
  HeadroomConfigInput,
  MeterConfig,
  PlanConfig,
  PromptConfig,
  Route,
  RoutingConfig,
  Segment,
  Surface,
  TriggerConfig,
  TriggerKind,
  VariantConfig,
} from './config.ts';
export { configSchema } from './config.ts';
export { configJsonSchema } from './config-json-schema.ts';
export { segmentSchema } from './config-schema.ts';
export {
  COPY_PLACEHOLDERS,
  type CopyPlaceholder,
  type CopyValues,
  fillCopy,
  isCopyPlaceholder,
  placeholdersIn,
} from './copy-template.ts';
export { createWindow, type RollingWindow, type WindowOptions, type WindowState } from './create-window.ts';
export { DAY_MS, dayOf, dayOfIso, epochDay, isoDay } from './day.ts';
export {
  decideRoute,
  type RouteDecision,
  type RouteInput,
  type RoutePolicy,
  type RouteReason,
} from './decide-route.ts';
export { defineConfig } from './define-config.ts';
export { didYouMean } from './did-you-mean.ts';
export { type ConfigChange, diffConfigs } from './diff-configs.ts';
export {
  EDGE_TRIGGER_KINDS,
  type EdgeFacts,
  type EdgeTriggerConfig,
  type EdgeTriggerKind,
  type EdgeTriggerSettings,
  evaluateEdgeTrigger,
  MIN_FORECAST_DAYS,
} from './evaluate-edge-trigger.ts';
export { evaluateBrowserTriggers, evaluateTriggers } from './evaluate-triggers.ts';
export { createEventId, isEventId } from './event-id.ts';
export { type EventOf, type EventType, eventSchema, type HeadroomEvent } from './event-schema.ts';
export { hash32, hashUnit } from './hash.ts';
export { type ConfigIssue, HeadroomConfigError } from './headroom-config-error.ts';
export { type ConfigWarning, type ConfigWarningCode, lintConfig } from './lint-config.ts';
export { meterLimit } from './meter-limit.ts';
export { APPROACHING_RATIO, type MeterState, type MeterStateName, meterState } from './meter-state.ts';
export { nextReset } from './next-reset.ts';
export { nextPlan, planIncludes, planUnlocking } from './plan-path.ts';
export { startNewVersion, type VersionedExperiments } from './start-new-version.ts';
export { theilSenSlope } from './theil-sen-slope.ts';
export { type TreatmentChange, treatmentChanges } from './treatment-changes.ts';
export { inTriggerHoldout } from './trigger-holdout.ts';
export type { DayRef, TriggerResult, TriggerSnapshot } from './trigger-snapshot.ts';
export { type ConfigValidation, validateConfig } from './validate-config.ts';
