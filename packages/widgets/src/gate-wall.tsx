/** @jsxRuntime classic */
/** @jsx h */
/** @jsxFrag Fragment */
import type { ComponentChildren } from 'preact';
import { featureName } from './copy-values.ts';
import { useHeadroom } from './headroom-context.ts';
import { interpolate } from './interpolate.ts';
// biome-ignore lint/correctness/noUnusedImports: `h` is this file's JSX factory (classic runtime, see peers.ts)
import { Fragment, h, useEffect, useId, useMemo } from './peers.ts';
import { planName } from './plan-name.ts';
import { UpgradeButton } from './upgrade-button.tsx';
import { UpgradeOutcome } from './upgrade-outcome.tsx';
import { useStore } from './use-store.ts';
import { useUpgradeFlow } from './use-upgrade-flow.ts';
import { withBoundary } from './widget-boundary.tsx';
import { WidgetRoot } from './widget-root.tsx';

export interface GateWallProps {
  /** Feature id from the config's plan `features`. */
  feature: string;
  /** Display name of the feature. @default the id, humanised (`audit_log` → "Audit log", `sso` → "SSO") */
  label?: string | undefined;
  /** The gated content, rendered only when the plan includes the feature. */
  children?: ComponentChildren;
}

function GateWallView({ feature, label, children }: GateWallProps) {
  const { client, messages: m } = useHeadroom();
  const gate = useMemo(() => client.gate(feature), [client, feature]);
  const entitled = useStore(gate.$);
  const unlockedBy = useStore(gate.unlockedBy);
  const config = useStore(client.config.$);
  const account = useStore(client.account.$);
  const status = useStore(client.status.$);
  const flow = useUpgradeFlow(`gate:${feature}`);
  const titleId = useId();
  // Entitlement cannot be decided without config and account state: the SDK fails open (the
  // host's server enforces entitlements), so no wall and no gate hit; after start-up that is
  // reported once, for the product engineer, in `hr.diagnostics.$`.
  const unknown = (!config || !account) && status !== 'loading';
  useEffect(() => {
    // One gate hit per time the wall is put in front of the user (never while unknown: the
    // SDK answers entitled then, so the two branches cannot both apply).
    if (!entitled) gate.hit();
    else if (unknown) client.diagnostics.report(`${feature}: entitlement unknown, shown`, 'GateWall');
  }, [gate, entitled, unknown]);
  if (entitled) return <>{children}</>;
  // One set of values for the title and the body (no plan: the title without one).
  const values = {
    feature: label ?? featureName(feature),
    plan: unlockedBy === null ? undefined : planName(config, unlockedBy),
  };
  return (
    <WidgetRoot>
      <section part="card" aria-labelledby={titleId}>
        <svg class="hr-lock" viewBox="0 0 16 16" width="20" height="20" aria-hidden="true">
          <path fill="currentColor" d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7Zm2 0h4V5a2 2 0 0 0-4 0Z" />
        </svg>
        <div class="hr-text">
          <h2 id={titleId} part="title">
            {interpolate(unlockedBy === null ? m.gateNoPlan : m.gateTitle, values)}
          </h2>
          {unlockedBy !== null && <p part="body">{interpolate(m.gateBody, values)}</p>}
          <UpgradeOutcome flow={flow} />
        </div>
        {unlockedBy !== null && <UpgradeButton flow={flow} plan={unlockedBy} />}
      </section>
    </WidgetRoot>
  );
}

/**
 * Renders its children when the plan includes `feature`; otherwise records a gate hit and
 * shows which plan unlocks it, with an upgrade CTA. When entitlement is unknown (no config
 * or account state) it fails open: the children render, no paywall, no gate hit, and
 * `hr.diagnostics` gets one report (your server must enforce entitlements anyway).
 * @example <GateWall feature="sso"><SsoSettings /></GateWall>
 */
export const GateWall = withBoundary('GateWall', GateWallView);
