import type { Headroom } from '@headroom/sdk';
import { render } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { HeadroomProvider, type HeadroomProviderProps } from '../src/index.ts';

/** Renders widgets inside a provider; navigation is captured instead of leaving the page. */
export function renderWith(
  client: Headroom,
  ui: ComponentChildren,
  props: Partial<Omit<HeadroomProviderProps, 'client'>> = {},
): { container: HTMLElement; navigations: string[] } {
  const navigations: string[] = [];
  const result = render(
    <HeadroomProvider client={client} locale="en-US" onNavigate={(url) => navigations.push(url)} {...props}>
      {ui}
    </HeadroomProvider>,
  );
  return { container: result.container as HTMLElement, navigations };
}
