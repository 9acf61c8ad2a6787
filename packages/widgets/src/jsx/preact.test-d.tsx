// Type tests for the Preact JSX tags (checked by `tsc` in the package's typecheck).
import type { Headroom } from '@headroom/sdk';
import { useRef } from 'preact/hooks';
import type { HeadroomElement } from '../create-widget-element.ts';
import type {} from './preact.ts';

declare const hr: Headroom;

export function Allowed() {
  const nudge = useRef<HeadroomElement>(null);
  return (
    <div>
      <headroom-usage-bar meter="seats" cta="false" theme="light" client={hr} class="bar" />
      <headroom-usage-summary meters="seats" locale="de-DE" />
      <headroom-upgrade-prompt surface="toast" />
      <headroom-gate feature="audit_log">
        <p>Audit log</p>
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
      {/* @ts-expect-error a gate needs its feature */}
      <headroom-gate label="SSO" />
      {/* @ts-expect-error the client is an SDK instance */}
      <headroom-usage-bar meter="seats" client={42} />
    </div>
  );
}
