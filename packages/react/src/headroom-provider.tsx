import type { Headroom } from '@headroom/sdk';
import type { Messages, Theme } from '@headroom/widgets';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { HeadroomContext, type HeadroomContextValue } from './headroom-context.ts';

export interface HeadroomProviderProps {
  /** An SDK instance you created in the browser. Give this or `createClient`. */
  client?: Headroom | null | undefined;
  /**
   * Creates the SDK instance once, in the browser, after the first render; never on the
   * server. The instance is shut down (queued events flushed) when the provider unmounts.
   */
  createClient?: (() => Headroom) | undefined;
  /** BCP 47 locale for numbers, dates, plurals and UI text. @default navigator.language, else 'en' */
  locale?: string | undefined;
  /** UI text: a catalog such as `de`, or overrides of single messages. @default en */
  messages?: Partial<Messages> | undefined;
  /** Colour scheme; `auto` follows the host page's `color-scheme`. @default 'auto' */
  theme?: Theme | undefined;
  /** How to open a checkout URL. @default url => window.location.assign(url) */
  onNavigate?: ((url: string) => void) | undefined;
  /** CSP nonce for the widgets' `<style>` fallback where adopted stylesheets are missing. */
  nonce?: string | undefined;
  children?: ReactNode;
}

/**
 * Gives the hooks and components below it an SDK instance, a locale and a theme.
 * @example
 * <HeadroomProvider createClient={() => createHeadroom({ endpoint, token: fetchToken })}>
 *   <UsageBar meter="seats" />
 * </HeadroomProvider>
 */
export function HeadroomProvider(props: HeadroomProviderProps) {
  const { client, createClient, locale, messages, theme, onNavigate, nonce, children } = props;
  const [created, setCreated] = useState<Headroom | null>(null);
  // The factory runs once per mount; a new function identity each render must not recreate the SDK.
  const factory = useRef(createClient);
  useEffect(() => {
    const create = factory.current;
    if (!create) return;
    const instance = create();
    setCreated(instance);
    return () => {
      setCreated(null);
      void instance.shutdown();
    };
  }, []);
  const resolved = client ?? created;
  const value = useMemo<HeadroomContextValue>(
    () => ({ client: resolved, locale, messages, theme, onNavigate, nonce }),
    [resolved, locale, messages, theme, onNavigate, nonce],
  );
  return <HeadroomContext.Provider value={value}>{children}</HeadroomContext.Provider>;
}
