import { DAY_MS } from '@headroom/core';

/** A running index of UTC calendar quarters (year × 4 + quarter − 1) for an epoch day. */
export function quarterIndex(day: number): number {
  const date = new Date(day * DAY_MS);
  return date.getUTCFullYear() * 4 + Math.floor(date.getUTCMonth() / 3);
}

/** `YYYY-Qn` of a quarter index. */
export function quarterLabel(index: number): string {
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}
