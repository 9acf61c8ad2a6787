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
  /** Re-renders of connected elements, run when a default changes. */
  readonly connected: Set<() => void>;
}

const COMMON = ['locale', 'theme', 'nonce'];
const sheets = new WeakMap<Document, CSSStyleSheet>();

function adoptedSheet(doc: Document): CSSStyleSheet | null {
  if (typeof CSSStyleSheet !== 'function' || !('adoptedStyleSheets' in ShadowRoot.prototype)) return null;
  let sheet = sheets.get(doc) ?? null;
  if (!sheet) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(widgetCss);
    } catch {
      return null;
    }
    sheets.set(doc, sheet);
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
    #adopted = false;
    readonly #refresh = () => this.#render();
    readonly #root: ShadowRoot = this.attachShadow({ mode: 'open' });

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
      const sheet = adoptedSheet(this.ownerDocument);
      if (sheet && !this.#adopted) {
        this.#root.adoptedStyleSheets = [...this.#root.adoptedStyleSheets, sheet];
        this.#adopted = true;
      }
      defaults.connected.add(this.#refresh);
      this.#render();
    }

    disconnectedCallback() {
      defaults.connected.delete(this.#refresh);
      render(null, this.#root);
    }

    attributeChangedCallback() {
      if (this.isConnected) this.#render();
    }

    #render() {
      if (!this.isConnected) return;
      const client = this.client;
      const widget = client ? renderWidget(this, (name) => this.getAttribute(name)) : null;
      if (!client || !widget) {
        render(null, this.#root);
        return;
      }
      const theme = this.getAttribute('theme');
      const locale = this.getAttribute('locale') ?? undefined;
      // Elements ship every catalog, so `locale="de"` alone is enough for non-Preact hosts.
      const catalog = locale && /^de\b/i.test(locale) ? de : undefined;
      render(
        h(HeadroomProvider, {
          client,
          locale,
          messages: catalog || this.#messages ? { ...catalog, ...this.#messages } : undefined,
          theme: theme === 'light' || theme === 'dark' ? theme : 'auto',
          onNavigate: this.#onNavigate ?? undefined,
          styles: !this.#adopted,
          // Browsers hide the nonce attribute after parsing; the IDL property keeps it.
          nonce: this.nonce || this.getAttribute('nonce') || defaults.nonce || undefined,
          children: widget,
        }),
        this.#root,
      );
    }
  };
}
