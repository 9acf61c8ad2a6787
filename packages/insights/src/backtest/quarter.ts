import { isoDay } from '@headroom/core';

/** A running index of UTC calendar quarters (year × 4 + quarter − 1) for an epoch day. */
export function quarterIndex(day: number): number {
  const iso = isoDay(day);
  return Number(iso.slice(0, 4)) * 4 + Math.floor((Number(iso.slice(5, 7)) - 1) / 3);
}

/** `YYYY-Qn` of a quarter index. */
export function quarterLabel(index: number): string {
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}
