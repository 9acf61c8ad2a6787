import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeProps } from './sanitize-props.ts';

// The rules spelled out plainly, as the wire format states them.
function reference(props: unknown) {
  if (typeof props !== 'object' || props === null) return undefined;
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const key in props) {
    if (!Object.hasOwn(props, key) || key.length > 64 || ++n > 50) continue;
    const v = (props as Record<string, unknown>)[key];
    const finite = typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 1e15;
    if (v === null || typeof v === 'boolean' || finite) out[key] = v;
    // At most 1,000 UTF-16 units, and no half of a surrogate pair left at the end.
    else if (typeof v === 'string')
      out[key] = (v.length > 1000 ? v.slice(0, 1000).replace(/[\ud800-\udbff]$/, '') : v).replace(
        /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
        '\ufffd',
      );
  }
  return out;
}

describe('sanitizeProps', () => {
  it('keeps own keys of at most 64 characters, 50 at most, with primitive values', () => {
    const proto = { inherited: 1 };
    const props = Object.assign(Object.create(proto), {
      ['k'.repeat(65)]: 1,
      s: 'x'.repeat(1500),
      n: 2,
      nan: Number.NaN,
      big: 1e16,
      nested: { a: 1 },
      b: false,
      z: null,
    });
    Object.defineProperty(props, 'hidden', { value: 1, enumerable: false });
    expect(sanitizeProps(props)).toEqual({ s: 'x'.repeat(1000), n: 2, b: false, z: null });
    const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(sanitizeProps(many) ?? {})).toHaveLength(50);
  });

  it('cuts strings at a code-point boundary, so an emoji at 1,000 is not split in half', () => {
    const cut = sanitizeProps({
      q: `${'x'.repeat(999)}😀`,
      r: `${'x'.repeat(998)}😀😀`,
      s: '😀'.repeat(600),
    });
    expect(cut).toEqual({ q: 'x'.repeat(999), r: `${'x'.repeat(998)}😀`, s: '😀'.repeat(500) });
    const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    for (const v of Object.values(cut ?? {})) expect(loneSurrogate.test(String(v))).toBe(false);
  });

  it('matches the plain rules on arbitrary input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.dictionary(fc.string({ maxLength: 70 }), fc.anything(), { maxKeys: 70 }),
          fc.array(fc.oneof(fc.string({ maxLength: 1200 }), fc.double())),
          fc.dictionary(
            fc.string({ maxLength: 4 }),
            fc.string({ unit: 'binary', minLength: 990, maxLength: 1010 }),
          ),
        ),
        (props) => {
          expect(sanitizeProps(props)).toEqual(reference(props));
        },
      ),
      { numRuns: 1000 },
    );
    // 1,000 runs of up to 70 keys: seconds on a loaded shared machine, not a hang.
  }, 30_000);
});
