import type { Headroom } from '@headroom/sdk';
import type { Messages, Theme } from '@headroom/widgets';
import { createContext, useContext } from 'react';

/** What `HeadroomProvider` hands to the hooks and components below it. */
export interface HeadroomContextValue {
  /** The SDK instance; null on the server and until `createClient` has run in the browser. */
  client: Headroom | null;
  locale?: string | undefined;
  messages?: Partial<Messages> | undefined;
  theme?: Theme | undefined;
  onNavigate?: ((url: string) => void) | undefined;
  nonce?: string | undefined;
}

export const HeadroomContext = /* @__PURE__ */ createContext<HeadroomContextValue | null>(null);

/** The provider's value; throws outside a `HeadroomProvider`, which is a wiring mistake. */
export function useHeadroomContext(): HeadroomContextValue {
  const value = useContext(HeadroomContext);
  if (value === null) throw new Error('No <HeadroomProvider> above this component');
  return value;
}
