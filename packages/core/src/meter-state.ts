/** Where a meter stands against its limit. */
export type MeterStateName = 'ok' | 'approaching' | 'at_limit' | 'over';

/** A meter's usage against its limit. */
export interface MeterState {
  used: number;
  /** `null` means unlimited. */
  limit: number | null;
  /** used ÷ limit; 0 when unlimited. */
  ratio: number;
  state: MeterStateName;
}

/** Ratio at which a meter counts as approaching its limit (compared with 1e-9 tolerance, as triggers do). */
export const APPROACHING_RATIO = 0.8;

/**
 * Classifies usage: ok < 80 % ≤ approaching < 100 % ≤ at_limit; above the limit, over.
 * @example meterState({ used: 820, limit: 1000 }) // { ratio: 0.82, state: 'approaching', … }
 */
/* @__NO_SIDE_EFFECTS__ */
export function meterState({ used, limit }: { used: number; limit: number | null | undefined }): MeterState {
  const safeUsed = Number.isFinite(used) && used > 0 ? used : 0;
  // Null and undefined are not finite either.
  if (!Number.isFinite(limit)) return { used: safeUsed, limit: null, ratio: 0, state: 'ok' };
  const max = limit as number;
  const ratio = max > 0 ? safeUsed / max : safeUsed > 0 ? Infinity : 1;
  return {
    used: safeUsed,
    limit: max,
    ratio,
    state:
      safeUsed > max
        ? 'over'
        : safeUsed === max
          ? 'at_limit'
          : ratio + 1e-9 >= APPROACHING_RATIO
            ? 'approaching'
            : 'ok',
  };
}
