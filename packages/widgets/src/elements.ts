// Side-effectful entry: importing it registers the <headroom-*> custom elements.
import type { Surface } from '@headroom/core';
import type { Headroom } from '@headroom/sdk';
import { createWidgetElement, type ElementDefaults, type RenderWidget } from './create-widget-element.ts';
import { GateWall } from './gate-wall.tsx';
import { InviteNudge } from './invite-nudge.tsx';
import { h } from './peers.ts';
import { UpgradePrompt } from './upgrade-prompt.tsx';
import { UsageBar } from './usage-bar.tsx';
import { UsageSummary } from './usage-summary.tsx';

export type { HeadroomElement } from './create-widget-element.ts';

const defaults: ElementDefaults = { client: null, nonce: null, connected: new Set() };

/** Sets the SDK instance every `<headroom-*>` element uses unless its `client` property is set. */
export function setDefaultClient(client: Headroom | null): void {
  defaults.client = client;
  for (const element of defaults.connected) element.attributeChangedCallback();
}

/** Sets the CSP nonce for `<style>` fallbacks in browsers without adopted stylesheets. */
export function setDefaultNonce(nonce: string | null): void {
  defaults.nonce = nonce;
}

/** Detail of the `headroom-invite` event an invite nudge element dispatches. */
export interface InviteEventDetail {
  email: string;
  context: string;
  /** Lets a listener report an async send; a rejection shows the error state. */
  waitUntil(promise: Promise<unknown>): void;
}

const ctaAttr = (attr: (name: string) => string | null) => attr('cta') !== 'false';

const elements: Record<string, [readonly string[], RenderWidget]> = {
  'headroom-usage-bar': [
    ['meter', 'cta', 'forecast'],
    (_, attr) => {
      const meter = attr('meter');
      return meter ? h(UsageBar, { meter, cta: ctaAttr(attr), forecast: attr('forecast') !== null }) : null;
    },
  ],
  'headroom-usage-summary': [
    ['meters', 'cta'],
    (_, attr) => {
      const meters = attr('meters')
        ?.split(',')
        .map((m) => m.trim())
        .filter(Boolean);
      return h(UsageSummary, { meters: meters?.length ? meters : undefined, cta: ctaAttr(attr) });
    },
  ],
  'headroom-upgrade-prompt': [
    ['surface'],
    // An unknown surface gets the SDK's empty prompt store, so it renders nothing.
    (_, attr) => h(UpgradePrompt, { surface: (attr('surface') ?? 'banner') as Surface }),
  ],
  'headroom-gate': [
    ['feature', 'label'],
    (_, attr) => {
      const feature = attr('feature');
      return feature
        ? h(GateWall, { feature, label: attr('label') ?? undefined, children: h('slot', null) })
        : null;
    },
  ],
  'headroom-invite-nudge': [
    ['context', 'subject'],
    (element, attr) => {
      const context = attr('context');
      if (!context) return null;
      return h(InviteNudge, {
        context,
        subject: attr('subject') ?? '',
        onInvite: ({ email }) => {
          let pending: Promise<unknown> | undefined;
          const detail: InviteEventDetail = {
            email,
            context,
            waitUntil: (promise) => {
              pending = promise;
            },
          };
          element.dispatchEvent(
            new CustomEvent('headroom-invite', { detail, bubbles: true, composed: true }),
          );
          return pending;
        },
      });
    },
  ],
};

if (typeof customElements !== 'undefined') {
  for (const [tag, [attributes, renderWidget]] of Object.entries(elements)) {
    if (!customElements.get(tag))
      customElements.define(tag, createWidgetElement(attributes, renderWidget, defaults));
  }
}
