/** A share as a percentage, e.g. 0.0834 → "8.3%". */
export const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
/** A difference of shares in percentage points with a sign. */
export const points = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} pts`;
export const usd = (x: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(x);
export const dateTime = (iso: string) =>
  new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
export const days = (ms: number) => `${(ms / 86_400_000).toFixed(1)} days`;
