import { describe, expect, it } from 'vitest';
import { createEventId } from './event-id.ts';
import { type EventType, eventSchema } from './event-schema.ts';

const ts = Date.UTC(2026, 10, 23, 12);
const base = () => ({ id: createEventId(ts), ts });

const valid: Record<EventType, Record<string, unknown>> = {
  usage: { meter: 'api_calls', value: 8200, delta: 120 },
  gate_hit: { feature: 'sso' },
  invite_sent: { inviteId: 'inv_1', channel: 'email' },
  invite_accepted: { inviteId: 'inv_1' },
  custom: { name: 'workflow_run', props: { workflow: 'export', steps: 3, ok: true, note: null } },
  trigger_fired: { triggerId: 'usage_ceiling', value: 0.82 },
  prompt_shown: { promptId: 'usage_upgrade', surface: 'banner', triggerId: 'usage_ceiling' },
  prompt_clicked: { promptId: 'usage_upgrade', experimentId: 'usage_copy', variantId: 'control' },
  prompt_dismissed: { promptId: 'tier_upgrade' },
  exposure: { experimentId: 'usage_copy', variantId: 'momentum', unitId: 'acct_1' },
  upgrade_routed: { plan: 'business', seats: 12, route: 'self_serve', expansionAcv: 3312, source: 'banner' },
  upgrade_completed: { plan: 'business', amount: 5040, seats: 12, currency: 'USD' },
  subscription_changed: {
    plan: 'business',
    amount: 6000,
    previousAmount: 5040,
    fromPlan: 'business',
    seats: 14,
    previousSeats: 12,
    expansion: 'seat',
  },
  subscription_canceled: { plan: 'business', previousAmount: 6000 },
};

describe('eventSchema', () => {
  it.each(Object.entries(valid))('accepts a %s event', (type, fields) => {
    const event = { ...base(), type, ...fields };
    expect(eventSchema.parse(event)).toEqual(event);
  });

  it('accepts sentAt and the server-set account and user ids', () => {
    const event = {
      ...base(),
      type: 'gate_hit',
      feature: 'sso',
      sentAt: ts + 5,
      accountId: 'a',
      userId: 'u',
    };
    expect(eventSchema.parse(event)).toEqual(event);
  });

  it.each([
    ['an unknown type', { type: 'page_view' }],
    ['a missing id', { type: 'gate_hit', feature: 'sso', id: undefined }],
    ['an id that is not a UUID', { type: 'gate_hit', feature: 'sso', id: 'evt-1' }],
    ['a string timestamp', { type: 'gate_hit', feature: 'sso', ts: '2026-11-23' }],
    ['a negative timestamp', { type: 'gate_hit', feature: 'sso', ts: -1 }],
    ['a gate hit without feature', { type: 'gate_hit' }],
    ['a usage event with negative value', { type: 'usage', meter: 'seats', value: -1 }],
    ['an empty custom name', { type: 'custom', name: '' }],
    ['custom props holding an object', { type: 'custom', name: 'x', props: { nested: { a: 1 } } }],
    ['an unknown route', { type: 'upgrade_routed', plan: 'team', route: 'fast_lane', expansionAcv: 1 }],
    ['an upgrade without amount', { type: 'upgrade_completed', plan: 'team' }],
    ['a 4-letter currency', { type: 'upgrade_completed', plan: 'team', amount: 1, currency: 'USDT' }],
  ])('rejects %s', (_, fields) => {
    expect(eventSchema.safeParse({ ...base(), ...fields }).success).toBe(false);
  });

  it('rejects non-objects', () => {
    for (const value of [null, 'gate_hit', 42, []]) expect(eventSchema.safeParse(value).success).toBe(false);
  });
});
