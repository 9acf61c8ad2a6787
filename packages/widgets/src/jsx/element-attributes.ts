import type { Surface } from '@headroom/core';
import type { Headroom } from '@headroom/sdk';
import type { Theme } from '../headroom-context.ts';
import type { Messages } from '../messages.ts';

/**
 * What every `<headroom-*>` element takes in a template: attributes for primitives, and the
 * `client` / `messages` properties (React 19, Preact and Vue's `.prop` set them as properties;
 * React 18 needs a ref, `setDefaultClient`, or `@headroom/react`).
 */
export interface HeadroomElementAttributes {
  /** BCP 47 locale; `de…` also picks the German catalog. */
  locale?: string | undefined;
  /** Colour scheme. @default 'auto' */
  theme?: Theme | undefined;
  /** CSP nonce for the `<style>` fallback. */
  nonce?: string | undefined;
  /** The SDK instance (a property); falls back to `setDefaultClient`. */
  client?: Headroom | null | undefined;
  /** Overrides of UI messages (a property). */
  messages?: Partial<Messages> | null | undefined;
}

/** `"false"` hides the upgrade offer; any other value (or none) shows it. */
export type CtaAttribute = 'true' | 'false';

/** `<headroom-usage-bar>` */
export interface UsageBarAttributes extends HeadroomElementAttributes {
  /** Meter id from the config, e.g. `seats`. */
  meter: string;
  cta?: CtaAttribute | undefined;
  /** Present: a line under the bar for the projected limit day (import `@headroom/widgets/forecast`). */
  forecast?: boolean | '' | undefined;
}

/** `<headroom-usage-summary>` */
export interface UsageSummaryAttributes extends HeadroomElementAttributes {
  /** Comma-separated meter ids, in order. @default every meter in the config */
  meters?: string | undefined;
  cta?: CtaAttribute | undefined;
}

/** `<headroom-upgrade-prompt>` */
export interface UpgradePromptAttributes extends HeadroomElementAttributes {
  /** @default 'banner' */
  surface?: Surface | undefined;
}

/** `<headroom-gate>`; the gated content goes in its slot. */
export interface GateAttributes extends HeadroomElementAttributes {
  /** Feature id from the config's plan `features`. */
  feature: string;
  /** Display name of the feature. @default the id, humanised */
  label?: string | undefined;
}

/** `<headroom-invite-nudge>`; listen for its `headroom-invite` event to send the invite. */
export interface InviteNudgeAttributes extends HeadroomElementAttributes {
  /** Where the nudge sits, e.g. `share`; frequency caps are kept per context. */
  context: string;
  /** What the teammate would review, e.g. the document title. */
  subject?: string | undefined;
}

/** Every `<headroom-*>` tag and what it takes. */
export interface HeadroomElementTags {
  'headroom-usage-bar': UsageBarAttributes;
  'headroom-usage-summary': UsageSummaryAttributes;
  'headroom-upgrade-prompt': UpgradePromptAttributes;
  'headroom-gate': GateAttributes;
  'headroom-invite-nudge': InviteNudgeAttributes;
}
