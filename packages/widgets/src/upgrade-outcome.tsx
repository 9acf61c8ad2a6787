/** @jsxRuntime classic */
/** @jsx h */
import { useHeadroom } from './headroom-context.ts';
// biome-ignore lint/correctness/noUnusedImports: `h` is this file's JSX factory (classic runtime, see peers.ts)
import { h } from './peers.ts';
import { safeUrl } from './safe-url.ts';
import type { UpgradeFlow } from './use-upgrade-flow.ts';

/**
 * Shows the state of an upgrade click: loading, error with retry, or the routed next step.
 * The booking link opens in a new tab, so the user keeps their place in the app.
 */
export function UpgradeOutcome({ flow }: { flow: UpgradeFlow }) {
  const { messages: m } = useHeadroom();
  if (flow.step === 'idle') return null;
  if (flow.step === 'loading') {
    return (
      <p role="status" part="outcome">
        {m.upgradeLoading}
      </p>
    );
  }
  const decision = flow.step === 'done' ? flow.decision : null;
  const checkout = safeUrl(decision?.checkoutUrl);
  const booking = safeUrl(decision?.handoff?.bookingUrl);
  const failed =
    decision === null || (decision.route !== 'cs_assist' && checkout === null && booking === null);
  if (failed) {
    return (
      <div role="alert" part="outcome">
        <span>{m.upgradeError}</span>
        <button type="button" part="button" onClick={() => flow.start(flow.plan)}>
          {m.retry}
        </button>
      </div>
    );
  }
  if (decision.route === 'cs_assist') {
    return (
      <div role="status" part="outcome">
        <strong>{m.csTitle}</strong>
        {decision.handoff && <span>{decision.handoff.message}</span>}
        {booking && (
          <a part="cta" href={booking} target="_blank" rel="noopener">
            {m.bookCall}
          </a>
        )}
      </div>
    );
  }
  return (
    <div role="status" part="outcome">
      <span>{decision.route === 'self_serve' ? m.checkoutOpening : m.assistBody}</span>
      {checkout && (
        <a part="cta" href={checkout}>
          {m.checkout}
        </a>
      )}
      {decision.route === 'self_serve_with_assist' && booking && (
        <a part="button" href={booking} target="_blank" rel="noopener">
          {m.talkToUs}
        </a>
      )}
    </div>
  );
}
