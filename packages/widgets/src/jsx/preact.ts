// Types only: `import type {} from '@headroom/widgets/jsx/preact'` (or list it in tsconfig
// `types`) to type the <headroom-*> tags in Preact JSX. Preact sets `client` and `messages`
// as properties.
import type { JSX } from 'preact';
import type { HeadroomElement } from '../create-widget-element.ts';
import type { HeadroomElementTags } from './element-attributes.ts';

export type * from './element-attributes.ts';

/** Preact's props for one `<headroom-*>` tag: its own attributes plus the usual HTML ones. */
export type PreactHeadroomElementProps<Tag extends keyof HeadroomElementTags> = Omit<
  JSX.HTMLAttributes<HeadroomElement>,
  keyof HeadroomElementTags[Tag]
> &
  HeadroomElementTags[Tag];

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'headroom-usage-bar': PreactHeadroomElementProps<'headroom-usage-bar'>;
      'headroom-usage-summary': PreactHeadroomElementProps<'headroom-usage-summary'>;
      'headroom-upgrade-prompt': PreactHeadroomElementProps<'headroom-upgrade-prompt'>;
      'headroom-gate': PreactHeadroomElementProps<'headroom-gate'>;
      'headroom-invite-nudge': PreactHeadroomElementProps<'headroom-invite-nudge'>;
    }
  }
}
