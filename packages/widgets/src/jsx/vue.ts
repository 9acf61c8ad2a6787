// Types only: `import type {} from '@headroom/widgets/jsx/vue'` (or list it in tsconfig
// `types`) to type the <headroom-*> tags in Vue templates (vue-tsc / Volar). Pass the client
// as a property: `:client.prop="hr"`; listen with `@headroom-invite`.
import type { DefineComponent } from 'vue';
import type { InviteEventDetail } from '../elements.ts';
import type { HeadroomElementTags } from './element-attributes.ts';

export type * from './element-attributes.ts';

/** A `<headroom-*>` tag as a Vue component type. */
export type VueHeadroomElement<Props> = DefineComponent<Props>;

declare module 'vue' {
  interface GlobalComponents {
    'headroom-usage-bar': VueHeadroomElement<HeadroomElementTags['headroom-usage-bar']>;
    'headroom-usage-summary': VueHeadroomElement<HeadroomElementTags['headroom-usage-summary']>;
    'headroom-upgrade-prompt': VueHeadroomElement<HeadroomElementTags['headroom-upgrade-prompt']>;
    'headroom-gate': VueHeadroomElement<HeadroomElementTags['headroom-gate']>;
    'headroom-invite-nudge': VueHeadroomElement<
      HeadroomElementTags['headroom-invite-nudge'] & {
        onHeadroomInvite?: ((event: CustomEvent<InviteEventDetail>) => void) | undefined;
      }
    >;
  }
}
