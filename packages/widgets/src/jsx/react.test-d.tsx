/** @jsxImportSource react */
// Type tests for the React JSX tags (checked by `tsc` in the package's typecheck).
import type { Headroom } from '@headroom/sdk';
import { useRef } from 'react';
import type { HeadroomElement } from '../create-widget-element.ts';
import type {} from './react.ts';

declare const hr: Headroom;

export function Allowed() {
  const nudge = useRef<HeadroomElement>(null);
  return (
    <div>
      <headroom-usage-bar meter="seats" cta="false" theme="dark" locale="de" client={hr} className="bar" />
      <headroom-usage-summary meters="seats,docs" />
      <headroom-upgrade-prompt surface="modal" messages={{ dismiss: 'Later' }} />
      <headroom-upgrade-prompt />
      <headroom-gate feature="sso" label="Single sign-on">
        <p>SSO settings</p>
      </headroom-gate>
      <headroom-invite-nudge ref={nudge} context="share" subject="Q3 plan" />
    </div>
  );
}

export function Rejected() {
  return (
    <div>
      {/* @ts-expect-error a usage bar needs its meter */}
      <headroom-usage-bar />
      {/* @ts-expect-error not a surface */}
      <headroom-upgrade-prompt surface="sidebar" />
      {/* @ts-expect-error `cta` is an attribute string: "false" hides it */}
      <headroom-usage-bar meter="seats" cta={false} />
      {/* @ts-expect-error not a theme */}
      <headroom-gate feature="sso" theme="sepia" />
      {/* @ts-expect-error an invite nudge needs its context */}
      <headroom-invite-nudge subject="Q3 plan" />
      {/* @ts-expect-error the client is an SDK instance */}
      <headroom-usage-bar meter="seats" client="hr" />
    </div>
  );
}
