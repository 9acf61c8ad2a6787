// Type tests for the Vue tags (checked by `tsc`; examples/vue checks real templates with vue-tsc).
import type { Headroom } from '@headroom/sdk';
import type { GlobalComponents } from 'vue';
import type { InviteEventDetail } from '../elements.ts';
import type {} from './vue.ts';

type PropsOf<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>['$props'];

declare const hr: Headroom;

export const usageBar: PropsOf<'headroom-usage-bar'> = { meter: 'seats', cta: 'false', client: hr };
export const prompt: PropsOf<'headroom-upgrade-prompt'> = { surface: 'inline', locale: 'de' };
export const gate: PropsOf<'headroom-gate'> = { feature: 'sso', label: 'SSO' };
export const nudge: PropsOf<'headroom-invite-nudge'> = {
  context: 'share',
  subject: 'Q3 plan',
  onHeadroomInvite: (event: CustomEvent<InviteEventDetail>) => event.detail.waitUntil(Promise.resolve()),
};

// @ts-expect-error a usage bar needs its meter
export const noMeter: PropsOf<'headroom-usage-bar'> = { cta: 'true' };
// @ts-expect-error not a surface
export const badSurface: PropsOf<'headroom-upgrade-prompt'> = { surface: 'sidebar' };
// @ts-expect-error not a theme
export const badTheme: PropsOf<'headroom-usage-summary'> = { theme: 'sepia' };
