import { createHeadroom, type UpgradeDecision } from '@headroom/sdk';
import {
  GateWall,
  HeadroomProvider,
  InviteNudge,
  UpgradePrompt,
  UsageBar,
  UsageSummary,
} from '@headroom/widgets';
// Lets bars with `forecast` say when a meter reaches its limit (the edge's `meter_forecast`).
import '@headroom/widgets/forecast';
import type { ComponentChildren } from 'preact';
import { demoApi } from './demo-api.ts';
import type { HeadroomKit } from './kit.ts';
import { navigate } from './router.ts';
import { safeHref } from './safe-href.ts';
import { announce$, decision$ } from './state.ts';

/** Sends the user where the edge routed the upgrade: checkout, or a dialog for people-led routes. */
function followDecision(decision: UpgradeDecision): void {
  const checkout = safeHref(decision.checkoutUrl);
  if (decision.route === 'self_serve' && checkout) {
    navigate(checkout);
    return;
  }
  decision$.value = decision;
}

/** Embeds Headroom exactly as a customer would: an endpoint and a token from our own backend. */
export function createKit(endpoint: string): HeadroomKit {
  const hr = createHeadroom({ endpoint, token: demoApi.token });
  // Exposed for support and for the browser tests: <html data-headroom="ready">.
  hr.status.$.subscribe((status) => {
    document.documentElement.dataset.headroom = status;
  });
  const upgrade = async (plan: string, source?: string, seats?: number) => {
    try {
      const decision = await hr.upgrade({
        plan,
        ...(source === undefined ? {} : { source }),
        ...(seats === undefined ? {} : { seats }),
      });
      followDecision(decision);
      return decision;
    } catch {
      announce$.value = 'We could not start the upgrade. Please try again.';
      return null;
    }
  };
  return {
    hr,
    upgrade,
    Provider: (props: { children: ComponentChildren }) => (
      <HeadroomProvider client={hr} onNavigate={navigate}>
        {props.children}
      </HeadroomProvider>
    ),
    // Header bars stay compact: the CTA lives in the banner and on the billing page.
    UsageBar: (props) => (
      <UsageBar meter={props.meter} cta={props.compact !== true} forecast={props.forecast === true} />
    ),
    UsageSummary: () => <UsageSummary />,
    UpgradePrompt: (props) => <UpgradePrompt surface={props.surface} />,
    GateWall: (props) => (
      <GateWall feature={props.feature} label={props.label}>
        {props.children}
      </GateWall>
    ),
    InviteNudge: (props) => (
      <InviteNudge context={props.context} subject={props.subject} onInvite={props.onInvite} />
    ),
  };
}
