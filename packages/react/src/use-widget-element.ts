// Registers the <headroom-*> custom elements; the import is a no-op on the server.
import '@headroom/widgets/elements';
import type { HeadroomElement } from '@headroom/widgets/elements';
import { type RefObject, useEffect, useLayoutEffect, useRef } from 'react';
import { useHeadroomContext } from './headroom-context.ts';

// useLayoutEffect warns during server rendering in React 18; effects never run there anyway.
const useBrowserLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/** Attributes every element takes from the provider. */
export interface ProviderAttributes {
  locale?: string | undefined;
  theme?: string | undefined;
  nonce?: string | undefined;
}

/**
 * A ref for one `<headroom-*>` element: hands it the provider's client, messages and
 * navigation as properties (React 18 would stringify objects into attributes) before paint,
 * and returns the provider's primitive settings as attributes.
 */
export function useWidgetElement(): [RefObject<HeadroomElement | null>, ProviderAttributes] {
  const { client, messages, onNavigate, locale, theme, nonce } = useHeadroomContext();
  const ref = useRef<HeadroomElement | null>(null);
  useBrowserLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.client = client;
    element.messages = messages ?? null;
    element.onNavigate = onNavigate ?? null;
  }, [client, messages, onNavigate]);
  return [ref, { locale, theme, nonce }];
}
