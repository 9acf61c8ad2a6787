// `@headroom/sdk/diagnose`: optional, so the main bundle keeps only the raw `diagnostics.lastError`.
export {
  type ExplainUnknownOptions,
  explainUnknown,
  type UnknownExplanation,
  type UnknownReason,
} from './explain-unknown.ts';
