import type { MeterConfig } from './config.ts';

/**
 * When a resetting meter next starts from zero (UTC period boundaries); `null` for meters
 * that never reset. Weeks start on Monday.
 */
export function nextReset(resets: MeterConfig['resets'], now: number): number | null {
  if (resets === undefined) return null;
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  switch (resets) {
    case 'daily':
      return Date.UTC(y, m, day + 1);
    case 'weekly':
      return Date.UTC(y, m, day + ((8 - d.getUTCDay()) % 7 || 7));
    case 'monthly':
      return Date.UTC(y, m + 1, 1);
    case 'yearly':
      return Date.UTC(y + 1, 0, 1);
  }
}
