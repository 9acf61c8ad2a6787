import { DAY_MS, type HeadroomEvent } from '@headroom/core';
import type { ConfigVocabulary } from './config-vocabulary.ts';

/** Events dated further ahead than this (after clock-skew correction) are refused. */
export const MAX_FUTURE_MS = 5 * 60 * 1000;
/** Default age past which an event is refused: the SDK's own history keeps 400 days. */
export const DEFAULT_RETENTION_DAYS = 400;

/**
 * How old a browser event may be and still be stored: the admission retention, or the raw
 * retention when shorter (a deleted event's re-sent copy must not count twice).
 */
export const browserRetentionDays = (options: {
  retentionDays?: number | undefined;
  eventRetentionDays?: number | undefined;
}): number =>
  Math.min(
    options.retentionDays ?? DEFAULT_RETENTION_DAYS,
    options.eventRetentionDays ?? DEFAULT_RETENTION_DAYS,
  );

/** Why one event of a batch was not stored. */
export interface Rejection {
  /** Position in the batch. */
  index: number;
  code:
    | 'invalid_event'
    | 'unstorable_text'
    | 'browser_conversion'
    | 'future_event'
    | 'expired_event'
    | 'unknown_trigger'
    | 'unknown_prompt'
    | 'unknown_experiment'
    | 'unknown_variant'
    | 'variant_not_assigned';
  message: string;
}

interface Admission {
  now: number;
  retentionDays: number;
  vocabulary: ConfigVocabulary;
  /** The verified account and user the event is stored under. */
  accountId: string;
  userId: string | null;
}

/**
 * Whether a parsed event may become a fact, and why not. Time: no more than 5 minutes ahead,
 * no older than the retention. Ids: a trigger, prompt, experiment or variant the config in
 * force (or one replaced within a day) does not have is refused, and an exposure must name the
 * variant `assignVariant` gives its unit, so no browser picks its own variant.
 */
export function admitEvent(event: HeadroomEvent, index: number, context: Admission): Rejection | null {
  const reject = (code: Rejection['code'], message: string): Rejection => ({ index, code, message });
  if (event.ts > context.now + MAX_FUTURE_MS)
    return reject('future_event', 'ts is more than 5 minutes ahead of the server clock');
  if (event.ts < context.now - context.retentionDays * DAY_MS)
    return reject('expired_event', `ts is older than the ${context.retentionDays}-day retention`);
  const { vocabulary } = context;
  if ('triggerId' in event && event.triggerId !== undefined && !vocabulary.triggers.has(event.triggerId))
    return reject('unknown_trigger', `trigger "${event.triggerId}" is not in the published config`);
  if ('promptId' in event && !vocabulary.prompts.has(event.promptId))
    return reject('unknown_prompt', `prompt "${event.promptId}" is not in the published config`);
  if ('experimentId' in event && event.experimentId !== undefined) {
    const experiments = vocabulary.experiments.get(event.experimentId);
    if (!experiments)
      return reject(
        'unknown_experiment',
        `experiment "${event.experimentId}" is not in the published config`,
      );
    const { variantId } = event;
    if (variantId !== undefined && !experiments.some((e) => e.variants.some((v) => v.id === variantId)))
      return reject('unknown_variant', `variant "${variantId}" is not in experiment "${event.experimentId}"`);
    if (event.type === 'exposure') {
      const unit = experiments[0]?.unit === 'user' ? context.userId : context.accountId;
      if (
        unit === null ||
        !vocabulary.assigned(event.experimentId, event.variantId, unit, event.experimentVersion)
      )
        return reject(
          'variant_not_assigned',
          `this ${experiments[0]?.unit ?? 'account'} is not assigned "${variantId}" in version ${event.experimentVersion ?? 1}`,
        );
    }
  }
  return null;
}
