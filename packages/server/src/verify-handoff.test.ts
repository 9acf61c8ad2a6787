import { describe, expect, it } from 'vitest';
import type { HandoffPayload } from './handoff-payload.ts';
import { HandoffVerificationError } from './handoff-verification-error.ts';
import { verifyHandoff } from './verify-handoff.ts';
import { signWebhookPayload, verifyWebhookSignature } from './webhook-signature.ts';

const SECRET = 'whsec-test-0123456789abcdef0123456789';
const NOW = 1_800_000_000;
const payload: HandoffPayload = {
  handoffId: 'ho_1',
  kind: 'route',
  account: { id: 'acct_1', plan: 'team', segment: 'mid_market', seats: 40, acv: 5760 },
  userId: 'user_1',
  requestedPlan: 'business',
  requestedSeats: 60,
  needs: ['invoice'],
  route: 'cs_assist',
  reasons: ['above_cs_threshold', 'needs_invoice'],
  expansionAcv: 19_440,
  activeTriggers: ['seat_saturation'],
  usage: { seats: 38 },
  firstPqlAt: '2026-11-01T00:00:00.000Z',
  source: 'seat_banner',
  createdAt: '2026-11-23T12:00:00.000Z',
};
const body = JSON.stringify(payload);

async function rejection(promise: Promise<unknown>): Promise<HandoffVerificationError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HandoffVerificationError);
  return error as HandoffVerificationError;
}

describe('verifyHandoff', () => {
  it('returns the typed payload for a genuine webhook, from Headers or Node headers, string or bytes', async () => {
    const signature = await signWebhookPayload(body, SECRET, NOW);
    const options = { nowSeconds: NOW + 10 };
    const fromFetch = await verifyHandoff(
      body,
      new Headers({ 'Headroom-Signature': signature }),
      SECRET,
      options,
    );
    expect(fromFetch).toEqual(payload);
    const fromNode = await verifyHandoff(
      new TextEncoder().encode(body),
      { 'headroom-signature': signature, 'content-type': 'application/json' },
      SECRET,
      options,
    );
    expect(fromNode.handoffId).toBe('ho_1');
  });

  it('accepts any v1 entry, so the secret can be rotated', async () => {
    const oldOne = await signWebhookPayload(body, 'old-secret-0123456789abcdef0123456789', NOW);
    const newOne = await signWebhookPayload(body, SECRET, NOW);
    const both = `${oldOne},v1=${newOne.split('v1=')[1]}`;
    const handoff = await verifyHandoff(body, { 'headroom-signature': both }, SECRET, { nowSeconds: NOW });
    expect(handoff.kind).toBe('route');
  });

  it('refuses a missing header, a forged or tampered signature, and a wrong secret as such', async () => {
    expect((await rejection(verifyHandoff(body, {}, SECRET))).code).toBe('missing_signature');
    const signature = await signWebhookPayload(body, SECRET, NOW);
    const tampered = body.replace('19440', '1');
    const at = { nowSeconds: NOW };
    expect(
      (await rejection(verifyHandoff(tampered, { 'headroom-signature': signature }, SECRET, at))).code,
    ).toBe('bad_signature');
    expect(
      (await rejection(verifyHandoff(body, { 'headroom-signature': signature }, `${SECRET}x`, at))).code,
    ).toBe('bad_signature');
    expect(
      (await rejection(verifyHandoff(body, { 'headroom-signature': 't=abc,v1=zz' }, SECRET, at))).code,
    ).toBe('bad_signature');
  });

  it('refuses a genuine webhook replayed after the tolerance as too old', async () => {
    const signature = await signWebhookPayload(body, SECRET, NOW);
    const headers = { 'headroom-signature': signature };
    const late = await rejection(verifyHandoff(body, headers, SECRET, { nowSeconds: NOW + 301 }));
    expect(late.code).toBe('too_old');
    const lenient = await verifyHandoff(body, headers, SECRET, {
      nowSeconds: NOW + 301,
      toleranceSeconds: 600,
    });
    expect(lenient.handoffId).toBe('ho_1');
  });

  it('refuses a signed body that is not a handoff as malformed', async () => {
    for (const text of ['not json', JSON.stringify({ ...payload, kind: 'gossip' }), '{}']) {
      const headers = { 'headroom-signature': await signWebhookPayload(text, SECRET, NOW) };
      const error = await rejection(verifyHandoff(text, headers, SECRET, { nowSeconds: NOW }));
      expect(error.code).toBe('malformed');
    }
  });

  it('keeps verifyWebhookSignature as a yes/no answer', async () => {
    const signature = await signWebhookPayload(body, SECRET, NOW);
    expect(await verifyWebhookSignature(signature, body, SECRET, { nowSeconds: NOW })).toBe(true);
    expect(await verifyWebhookSignature(signature, `${body} `, SECRET, { nowSeconds: NOW })).toBe(false);
    expect(await verifyWebhookSignature(undefined, body, SECRET)).toBe(false);
  });
});
