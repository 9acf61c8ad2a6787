import type { UpgradeDecision } from '@headroom/sdk';
import { useHeadroom } from './headroom-context.ts';
import { useEffect, useRef, useState } from './peers.ts';
import { safeUrl } from './safe-url.ts';

/** Where an upgrade click stands. */
export type UpgradeFlowState =
  | { step: 'idle' }
  | { step: 'loading'; plan: string }
  | { step: 'error'; plan: string }
  | { step: 'done'; plan: string; decision: UpgradeDecision };

/** An upgrade click's state and the function that starts (or retries) it for a plan. */
export type UpgradeFlow = UpgradeFlowState & { start: (plan: string) => void };

/**
 * Runs `hr.upgrade` for a CTA and keeps its outcome. A `self_serve` decision with a safe
 * checkout URL navigates at once; assisted and CS routes stay on the page for the user.
 */
export function useUpgradeFlow(source: string): UpgradeFlow {
  const { client, navigate } = useHeadroom();
  const [state, setState] = useState<UpgradeFlowState>({ step: 'idle' });
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );
  const start = (plan: string) => {
    setState({ step: 'loading', plan });
    client.upgrade({ plan, source }).then(
      (decision) => {
        if (!live.current) return;
        setState({ step: 'done', plan, decision });
        const checkout = safeUrl(decision.checkoutUrl);
        if (decision.route === 'self_serve' && checkout !== null) navigate(checkout);
      },
      () => {
        if (live.current) setState({ step: 'error', plan });
      },
    );
  };
  return { ...state, start };
}
