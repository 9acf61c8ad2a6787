// The booking link of a routed upgrade carries the handoff reference when the config's
// `bookingUrl` asks for it with `{handoffId}` (issue #17: "Talk to us" with the handoff id).
import { describe, expect, it } from 'vitest';
import acme from '../../core/examples/acme.config.json' with { type: 'json' };
import { createPgliteStorage } from '../src/index.ts';
import { claimsFor, testApp, tokenFor } from './helpers.ts';

describe('bookingUrl {handoffId}', () => {
  it('fills the handoff id the answer carries, URL-encoded, with the other placeholders', async () => {
    const storage = await createPgliteStorage();
    const config = {
      ...acme,
      routing: {
        ...acme.routing,
        bookingUrl: 'https://cal.example.com/acme/expansion?ref={handoffId}&account={accountId}',
      },
    };
    const app = testApp(storage, { config });
    const token = await tokenFor(claimsFor('acct_booking', { plan: 'team', acv: 1440, seats: 10 }));
    const res = await app.post('/v1/route', { token, plan: 'business', seats: 20 });
    const body = (await res.json()) as { route: string; handoff: { id: string; bookingUrl: string } };
    expect(body.route).toBe('self_serve_with_assist');
    expect(body.handoff.bookingUrl).toBe(
      `https://cal.example.com/acme/expansion?ref=${encodeURIComponent(body.handoff.id)}&account=acct_booking`,
    );
    await storage.close?.();
  });
});
