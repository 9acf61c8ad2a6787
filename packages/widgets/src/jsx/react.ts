// Types only: `import type {} from '@headroom/widgets/jsx/react'` (or list it in tsconfig
// `types`) to type the <headroom-*> tags in React JSX. React 19 sets `client` and `messages`
// as properties; on React 18 use `@headroom/react`, a ref, or `setDefaultClient`.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { HeadroomElement } from '../create-widget-element.ts';
import type { HeadroomElementTags } from './element-attributes.ts';

export type * from './element-attributes.ts';

/** React's props for one `<headroom-*>` tag: its own attributes plus the usual HTML ones. */
export type ReactHeadroomElementProps<Tag extends keyof HeadroomElementTags> = Omit<
  DetailedHTMLProps<HTMLAttributes<HeadroomElement>, HeadroomElement>,
  keyof HeadroomElementTags[Tag]
> &
  HeadroomElementTags[Tag];

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'headroom-usage-bar': ReactHeadroomElementProps<'headroom-usage-bar'>;
      'headroom-usage-summary': ReactHeadroomElementProps<'headroom-usage-summary'>;
      'headroom-upgrade-prompt': ReactHeadroomElementProps<'headroom-upgrade-prompt'>;
      'headroom-gate': ReactHeadroomElementProps<'headroom-gate'>;
      'headroom-invite-nudge': ReactHeadroomElementProps<'headroom-invite-nudge'>;
    }
  }
}
