import type { Headroom } from '@headroom/sdk';
import type { Formatter } from './create-formatter.ts';
import type { Messages } from './messages.ts';
import { createContext, useContext } from './peers.ts';

/**
 * Colour scheme of the widgets. `auto` follows the host page's own `color-scheme` (inherited
 * by the widget's root, so a page that declares none stays light whatever the OS); `light`
 * and `dark` pin it.
 */
export type Theme = 'light' | 'dark' | 'auto';

/** What every widget reads from `HeadroomProvider`. */
export interface HeadroomContextValue {
  client: Headroom;
  fmt: Formatter;
  messages: Messages;
  theme: Theme;
  /** Sends the browser to a checkout URL (already checked by `safeUrl`). */
  navigate: (url: string) => void;
}

export const HeadroomContext = /* @__PURE__ */ createContext<HeadroomContextValue | null>(null);

/** The provider's value; throws outside a provider (the widget's error boundary catches it). */
export function useHeadroom(): HeadroomContextValue {
  const value = useContext(HeadroomContext);
  if (value === null) throw new Error('No <HeadroomProvider> above this widget');
  return value;
}
