import { describe, expect, it } from 'vitest';
import { acmeConfig, NOW } from '../test/acme.ts';
import type { HeadroomConfig } from './config.ts';
import { evaluateTriggers } from './evaluate-triggers.ts';
import { meterLimit } from './meter-limit.ts';

/** The Acme config with its seat meter limited by the seats each account paid for. */
const purchased: HeadroomConfig = {
  ...acmeConfig,
  meters: { ...acmeConfig.meters, seats: { ...acmeConfig.meters.seats!, purchasedSeats: true } },
};

describe('meterLimit with purchased seats', () => {
  it('is the seats paid for on a purchasedSeats meter, the plan limit otherwise', () => {
    expect(meterLimit(purchased, 'team', 'seats', 3)).toBe(3);
    expect(meterLimit(purchased, 'team', 'seats', 20)).toBe(20);
    expect(meterLimit(purchased, 'team', 'seats', 0)).toBe(0);
    // Another plan's own limit (no seats given), and the other meters, keep the plan's.
    expect(meterLimit(purchased, 'business', 'seats')).toBe(250);
    expect(meterLimit(purchased, 'team', 'docs', 3)).toBe(1000);
    // Without the flag the seats given change nothing.
    expect(meterLimit(acmeConfig, 'team', 'seats', 3)).toBe(10);
  });

  it('drives the seat triggers: 3 of 3 purchased seats fires, 10 of 20 does not', () => {
    const seatSaturation = (seats: number, used: number) =>
      evaluateTriggers({ claims: { plan: 'team', seats }, meters: { seats: used } }, purchased, NOW).find(
        (r) => r.id === 'seat_saturation',
      );
    expect(seatSaturation(3, 3)).toMatchObject({ fired: true, value: 1 });
    expect(seatSaturation(20, 10)).toMatchObject({ fired: false, value: 0.5 });
    // A token without a seats claim falls back to the plan's limit.
    expect(
      evaluateTriggers({ claims: { plan: 'team' }, meters: { seats: 9 } }, purchased, NOW).find(
        (r) => r.id === 'seat_saturation',
      )?.fired,
    ).toBe(true);
  });
});
