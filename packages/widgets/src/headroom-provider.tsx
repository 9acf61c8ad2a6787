/** @jsxRuntime classic */
/** @jsx h */
import type { Headroom } from '@headroom/sdk';
import type { ComponentChildren } from 'preact';
import { createFormatter } from './create-formatter.ts';
import { HeadroomContext, type HeadroomContextValue, type Theme } from './headroom-context.ts';
import { en, type Messages } from './messages.ts';
// biome-ignore lint/correctness/noUnusedImports: `h` is this file's JSX factory (classic runtime, see peers.ts)
import { h, useMemo } from './peers.ts';
import { widgetCss } from './widget-css.ts';

export interface HeadroomProviderProps {
  /** The SDK instance from `createHeadroom`. */
  client: Headroom;
  /** BCP 47 locale for numbers, dates, plurals and UI text. @default navigator.language, else 'en' */
  locale?: string | undefined;
  /** UI text: a catalog such as `de`, or overrides of single messages (prompt copy comes from the config). @default en */
  messages?: Partial<Messages> | undefined;
  /** Colour scheme; `auto` follows the host page's `color-scheme`. @default 'auto' */
  theme?: Theme | undefined;
  /** How to open a checkout URL. @default url => window.location.assign(url) */
  onNavigate?: ((url: string) => void) | undefined;
  /** Adds the widgets' stylesheet as a `<style>` element. @default true */
  styles?: boolean | undefined;
  /** CSP nonce for that `<style>` element. */
  nonce?: string | undefined;
  children?: ComponentChildren;
}

/**
 * Binds the widgets below it to an SDK instance, a locale and a theme.
 * @example
 * <HeadroomProvider client={hr} locale="de"><UsageBar meter="seats" /></HeadroomProvider>
 */
export function HeadroomProvider(props: HeadroomProviderProps) {
  const { client, locale, messages, theme = 'auto', onNavigate, styles = true, nonce } = props;
  const resolved = locale ?? (typeof navigator === 'undefined' ? 'en' : navigator.language);
  const value = useMemo<HeadroomContextValue>(() => {
    const fmt = createFormatter(resolved);
    return {
      client,
      fmt,
      messages: { ...en, ...messages },
      theme,
      navigate: onNavigate ?? ((url) => window.location.assign(url)),
    };
  }, [client, resolved, messages, theme, onNavigate]);
  return (
    <HeadroomContext.Provider value={value}>
      {styles && <style nonce={nonce}>{widgetCss}</style>}
      {props.children}
    </HeadroomContext.Provider>
  );
}
