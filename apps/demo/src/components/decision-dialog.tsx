import { useEffect, useRef } from 'preact/hooks';
import { money } from '../data.ts';
import { safeHref } from '../safe-href.ts';
import { decision$ } from '../state.ts';

/** Shows where an assisted or customer-success upgrade goes next. */
export function DecisionDialog() {
  const decision = decision$.value;
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (decision && !dialog.open) dialog.showModal();
    if (!decision && dialog.open) dialog.close();
  }, [decision]);
  const close = () => {
    decision$.value = null;
  };
  const checkout = safeHref(decision?.checkoutUrl);
  const booking = safeHref(decision?.handoff?.bookingUrl);
  const cs = decision?.route === 'cs_assist';
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby="decision-title"
      onClose={close}
      data-route={decision?.route}
    >
      {decision && (
        <div class="dialog-body">
          <h2 id="decision-title">{cs ? 'Your account team will be in touch' : 'Upgrade your way'}</h2>
          {cs ? (
            <>
              <p data-testid="handoff-message">
                {decision.handoff?.message ?? 'We have let your account team know.'}
              </p>
              {decision.handoff && (
                <p class="muted">
                  Reference <code data-testid="handoff-id">{decision.handoff.id}</code>
                </p>
              )}
            </>
          ) : (
            <p>
              This upgrade adds about {money(decision.expansionAcv ?? 0)} a year. Check out now, or talk to us
              about volume pricing first.
            </p>
          )}
          <div class="row">
            {checkout && (
              <a class="btn primary" href={checkout}>
                Continue to checkout
              </a>
            )}
            {booking && (
              <a class="btn" href={booking} target="_blank" rel="noopener noreferrer">
                {cs ? 'Book a call now' : 'Talk to us'}
              </a>
            )}
            <button type="button" class="btn ghost" onClick={close}>
              Close
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
