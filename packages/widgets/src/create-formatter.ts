import type { MeterConfig } from '@headroom/core';

/** Locale-aware formatting the widgets share; one instance per locale. */
export interface Formatter {
  readonly locale: string;
  /** Text direction of the locale. */
  readonly dir: 'ltr' | 'rtl';
  /** 8,200 */
  number(n: number): string;
  /** Exact while `scale` is below 100,000, compact from there (82K, 1.2M), so bars stay short. @default scale = n */
  count(n: number, scale?: number): string;
  /** 82 % for 0.82 */
  percent(ratio: number): string;
  /** "seat" or "seats" by the locale's plural rules. */
  unit(unit: MeterConfig['unit'], n: number): string;
  /** A calendar date, e.g. "Dec 1". */
  date(ms: number): string;
}

const RTL = /^(ar|he|fa|ur|ps|yi|dv|ckb|sd|ug)\b/i;

/** Builds a formatter; an invalid locale falls back to English rather than throwing. */
export function createFormatter(locale: string | undefined): Formatter {
  let tag = 'en';
  try {
    tag = Intl.getCanonicalLocales(locale ?? 'en')[0] ?? 'en';
  } catch {
    // A malformed locale from an attribute must not break the host page.
  }
  const plain = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  const compact = new Intl.NumberFormat(tag, { notation: 'compact', maximumFractionDigits: 1 });
  // Whole percent: the percent style's default maximumFractionDigits is 0.
  const pct = new Intl.NumberFormat(tag, { style: 'percent' });
  const plural = new Intl.PluralRules(tag);
  const day = new Intl.DateTimeFormat(tag, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  return {
    locale: tag,
    dir: RTL.test(tag) ? 'rtl' : 'ltr',
    number: (n) => plain.format(n),
    count: (n, scale = n) => (Math.abs(scale) < 100_000 ? plain : compact).format(n),
    // Floor so 79.6 % never reads as the 80 % that triggers a prompt.
    percent: (ratio) => pct.format(Number.isFinite(ratio) ? Math.floor(ratio * 100) / 100 : 0),
    unit: (unit, n) => (plural.select(n) === 'one' ? unit.one : unit.other),
    date: (ms) => day.format(ms),
  };
}
