import { useState } from 'preact/hooks';
import { money } from '../data.ts';
import { demoApi } from '../demo-api.ts';
import { navigate } from '../router.ts';
import { session$ } from '../state.ts';

/**
 * A stand-in for the billing provider's hosted checkout. Paying calls the demo backend,
 * which charges (pretend), reports `upgrade_completed` to Headroom and changes the plan.
 */
export function CheckoutPage(props: { query: URLSearchParams }) {
  const session = session$.value;
  const plan = props.query.get('plan') ?? '';
  const requested = Number(props.query.get('seats'));
  const [seats, setSeats] = useState(
    Number.isInteger(requested) && requested > 0 ? requested : (session?.scenario.seats ?? 1),
  );
  const [state, setState] = useState<'idle' | 'paying' | 'error'>('idle');
  const [error, setError] = useState('');
  if (!session) return null;
  const planConfig = session.plans[plan];
  const price =
    planConfig && planConfig.seatPrice !== null
      ? { name: planConfig.name, seatPrice: planConfig.seatPrice }
      : null;
  if (!price) {
    return (
      <section class="card">
        <h1>Checkout</h1>
        <p>That plan cannot be bought online.</p>
      </section>
    );
  }
  const pay = async (e: Event) => {
    e.preventDefault();
    setState('paying');
    try {
      await demoApi.checkout(plan, seats);
      // A full load, so the SDK starts again from a token that carries the new plan.
      window.location.assign('/settings/billing?upgraded=1');
    } catch (err) {
      setState('error');
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <section aria-labelledby="checkout-title" class="checkout">
      <form class="card" onSubmit={pay}>
        <p class="muted">Acme Billing · secure checkout (demo — no card is charged)</p>
        <h1 id="checkout-title">Upgrade to {price.name}</h1>
        <div class="field">
          <label for="checkout-seats">Seats</label>
          <input
            id="checkout-seats"
            type="number"
            min={1}
            value={seats}
            onInput={(e) => setSeats(Math.max(1, Math.floor(Number(e.currentTarget.value) || 1)))}
          />
        </div>
        <dl class="summary">
          <dt>Price</dt>
          <dd>{money(price.seatPrice)} per seat per year</dd>
          <dt>Total</dt>
          <dd data-testid="checkout-total">{money(price.seatPrice * seats)} a year</dd>
        </dl>
        {state === 'error' && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <div class="row">
          <button type="submit" class="btn primary" disabled={state === 'paying'} data-testid="pay">
            {state === 'paying' ? 'Processing…' : `Pay ${money(price.seatPrice * seats)}`}
          </button>
          <button type="button" class="btn ghost" onClick={() => navigate('/settings/billing')}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
