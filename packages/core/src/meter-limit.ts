import type { HeadroomConfig } from './config.ts';

/**
 * An account's limit for a meter: the seats it paid for (`seats`, the token's claim) when the
 * meter is a `purchasedSeats` meter and they are known, else its plan's limit; `null` when
 * unlimited or the plan is unknown. Leave `seats` out for a plan's own limit (another plan).
 */
export function meterLimit(
  config: Pick<HeadroomConfig, 'plans'> & { meters?: HeadroomConfig['meters'] | undefined },
  plan: string,
  meter: string,
  seats?: number | undefined,
): number | null {
  return (
    (config.meters?.[meter]?.purchasedSeats ? seats : undefined) ??
    config.plans[plan]?.limits?.[meter] ??
    null
  );
}
