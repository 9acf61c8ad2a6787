import { describe, expect, it } from 'vitest';
import { hasUnstorableText } from './unstorable-text.ts';

describe('hasUnstorableText', () => {
  it('finds a NUL or a lone surrogate in values and keys at any depth', () => {
    expect(hasUnstorableText({ a: 'x\0y' })).toBe(true);
    expect(hasUnstorableText({ props: { q: `${'x'.repeat(999)}\ud83d` } })).toBe(true);
    expect(hasUnstorableText({ props: { q: '\ude00tail' } })).toBe(true);
    expect(hasUnstorableText({ props: { 'k\0': 1 } })).toBe(true);
    expect(hasUnstorableText([[[{ deep: ['\udfff'] }]]])).toBe(true);
  });

  it('accepts paired surrogates, other control characters and non-strings', () => {
    expect(hasUnstorableText({ q: 'x😀y', r: '\u0001\t\n', n: 1, b: true, z: null })).toBe(false);
    expect(hasUnstorableText('😀😀')).toBe(false);
    expect(hasUnstorableText(undefined)).toBe(false);
  });

  it('walks a deeply nested value without overflowing the stack', () => {
    let v: unknown = 'ok';
    for (let i = 0; i < 100_000; i++) v = [v];
    expect(hasUnstorableText(v)).toBe(false);
  });
});
