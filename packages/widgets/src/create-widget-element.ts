import type { Headroom } from '@headroom/sdk';
import type { ComponentChild } from 'preact';
import { HeadroomProvider } from './headroom-provider.tsx';
import type { Messages } from './messages.ts';
import { de } from './messages-de.ts';
import { h, render } from './peers.ts';
import { widgetCss } from './widget-css.ts';

/** Properties every `<headroom-*>` element has besides its attributes. */
export interface HeadroomElement extends HTMLElement {
  /** The SDK instance; falls back to the one given to `setDefaultClient`. */
  client: Headroom | null;
  /** Overrides for UI messages. */
  messages: Partial<Messages> | null;
  /** How to open a checkout URL. @default url => window.location.assign(url) */
  onNavigate: ((url: string) => void) | null;
}

/** What a widget element renders from its attributes. */
export type RenderWidget = (element: HTMLElement, attr: (name: string) => string | null) => ComponentChild;

/** Shared element settings, e.g. the default client. */
export interface ElementDefaults {
  client: Headroom | null;
  nonce: string | null;
  /** The connected elements, re-rendered (as on an attribute change) when a default changes. */
  readonly connected: Set<{ attributeChangedCallback(): void }>;
}

const COMMON = ['locale', 'theme', 'nonce'];
// One constructed sheet for every element: it belongs to the document of this realm, which is
// the only one the elements registered here upgrade in. `null`: unsupported (a `<style>` instead).
let sheet: CSSStyleSheet | null | undefined;

function adoptedSheet(): CSSStyleSheet | null {
  if (sheet === undefined) {
    sheet = null;
    try {
      const built = new CSSStyleSheet();
      built.replaceSync(widgetCss);
      if ('adoptedStyleSheets' in ShadowRoot.prototype) sheet = built;
    } catch {
      // No constructable stylesheets: each element gets a `<style>`.
    }
  }
  return sheet;
}

/**
 * Builds a custom element class that renders a widget into an open shadow root, styled by
 * one adopted stylesheet per document (or a `<style nonce>` where that is unsupported).
 */
/* @__NO_SIDE_EFFECTS__ */
export function createWidgetElement(
  attributes: readonly string[],
  renderWidget: RenderWidget,
  defaults: ElementDefaults,
): CustomElementConstructor {
  return class extends HTMLElement implements HeadroomElement {
    static observedAttributes = [...attributes, ...COMMON];
    #client: Headroom | null = null;
    #messages: Partial<Messages> | null = null;
    #onNavigate: ((url: string) => void) | null = null;
    readonly #root: ShadowRoot = this.attachShadow({ mode: 'open' });

    constructor() {
      super();
      // The shared stylesheet, adopted once by the root this element owns.
      const sheet = adoptedSheet();
      if (sheet) this.#root.adoptedStyleSheets = [sheet];
    }

    get client(): Headroom | null {
      return this.#client ?? defaults.client;
    }
    set client(value: Headroom | null) {
      this.#client = value;
      this.#render();
    }
    get messages(): Partial<Messages> | null {
      return this.#messages;
    }
    set messages(value: Partial<Messages> | null) {
      this.#messages = value;
      this.#render();
    }
    get onNavigate(): ((url: string) => void) | null {
      return this.#onNavigate;
    }
    set onNavigate(value: ((url: string) => void) | null) {
      this.#onNavigate = value;
      this.#render();
    }

    connectedCallback() {
      // A property set before the element was defined is an own data property that hides
      // the accessor: re-apply it through the setter.
      for (const key of ['client', 'messages', 'onNavigate'] as const) {
        if (Object.hasOwn(this, key)) {
          const value = (this as Record<string, unknown>)[key];
          delete (this as Record<string, unknown>)[key];
          (this as Record<string, unknown>)[key] = value;
        }
      }
      defaults.connected.add(this);
      this.#render();
    }

    disconnectedCallback() {
      defaults.connected.delete(this);
      render(null, this.#root);
    }

    attributeChangedCallback() {
      this.#render();
    }

    #render() {
      // Not in a document: nothing to show; attributes set before insertion render on connect.
      if (!this.isConnected) return;
      const client = this.client;
      const widget = client && renderWidget(this, (name) => this.getAttribute(name));
      const theme = this.getAttribute('theme');
      const locale = this.getAttribute('locale') ?? undefined;
      render(
        widget
          ? h(HeadroomProvider, {
              client: client!,
              locale,
              // Elements ship every catalog, so `locale="de"` alone is enough for non-Preact hosts.
              messages: { ...(locale && /^de\b/i.test(locale) ? de : null), ...this.#messages },
              theme: theme === 'light' || theme === 'dark' ? theme : 'auto',
              onNavigate: this.#onNavigate ?? undefined,
              styles: !adoptedSheet(),
              // The IDL property: browsers hide the nonce attribute after parsing, and it
              // follows the attribute when a script sets one.
              nonce: this.nonce || defaults.nonce || undefined,
              children: widget,
            })
          : null,
        this.#root,
      );
    }
  };
}
