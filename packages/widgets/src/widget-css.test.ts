import { describe, expect, it } from 'vitest';
import { widgetCss } from './widget-css.ts';

type Tokens = Record<string, string>;

/** The light and dark value of every colour token, read from the stylesheet itself. */
function themes(): [Tokens, Tokens] {
  const light: Tokens = {};
  const dark: Tokens = {};
  for (const [, name, l, d] of widgetCss.matchAll(
    /--_([\w-]+):var\(--headroom-\1,light-dark\((#[0-9a-f]{6}),(#[0-9a-f]{6})\)\)/g,
  )) {
    light[name!] = l!;
    dark[name!] = d!;
  }
  return [light, dark];
}
const [lightTheme, darkTheme] = themes();

// WCAG 2.2 relative luminance and contrast ratio.
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe.each([
  ['light', lightTheme],
  ['dark', darkTheme],
] as [string, Tokens][])('%s theme contrast', (_, t) => {
  it('defines all twelve tokens', () => {
    expect(Object.keys(t).sort()).toEqual([
      'accent',
      'accent-fg',
      'bg',
      'border',
      'control',
      'danger',
      'fg',
      'focus',
      'muted',
      'ok',
      'track',
      'warn',
    ]);
  });
  it.each(['fg', 'muted', 'accent', 'warn', 'danger'] as const)('%s text on bg ≥ 4.5:1', (token) => {
    expect(contrast(t[token]!, t.bg!)).toBeGreaterThanOrEqual(4.5);
  });
  it('button text on accent ≥ 4.5:1', () => {
    expect(contrast(t['accent-fg']!, t.accent!)).toBeGreaterThanOrEqual(4.5);
  });
  it.each(['control', 'ok', 'warn', 'danger', 'focus'] as const)(
    '%s (controls, bar fill, focus ring) against bg ≥ 3:1',
    (token) => {
      expect(contrast(t[token]!, t.bg!)).toBeGreaterThanOrEqual(3);
    },
  );
  it.each(['ok', 'warn', 'danger'] as const)('%s bar fill against the track ≥ 3:1', (token) => {
    expect(contrast(t[token]!, t.track!)).toBeGreaterThanOrEqual(3);
  });
});
