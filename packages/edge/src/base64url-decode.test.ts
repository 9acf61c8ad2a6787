import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64url } from './base64url-decode.ts';

const text = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : bytes);

describe('decodeBase64url', () => {
  it('reads the RFC 4648 test vectors written without padding', () => {
    expect(text(decodeBase64url(''))).toBe('');
    expect(text(decodeBase64url('Zg'))).toBe('f');
    expect(text(decodeBase64url('Zm8'))).toBe('fo');
    expect(text(decodeBase64url('Zm9v'))).toBe('foo');
    expect(text(decodeBase64url('Zm9vYmFy'))).toBe('foobar');
    expect(decodeBase64url('-_-_')).toEqual(Uint8Array.from([0xfb, 0xff, 0xbf]));
  });

  it('refuses padding, the standard alphabet, whitespace, impossible lengths and set padding bits', () => {
    for (const bad of ['Zg==', 'Zm8=', '+/+/', 'Zm9 v', 'Zm9v\n', 'Z', 'Zm9vY', 'Zh', 'Zm9', 'Zm-', 'é']) {
      expect(decodeBase64url(bad), bad).toBeUndefined();
    }
  });

  it('reads back whatever Buffer encodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(decodeBase64url(Buffer.from(bytes).toString('base64url'))).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts exactly one spelling of any bytes', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/= ';
    const candidates = fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 24 });
    fc.assert(
      fc.property(candidates, (candidate) => {
        const bytes = decodeBase64url(candidate);
        if (bytes !== undefined) expect(Buffer.from(bytes).toString('base64url')).toBe(candidate);
      }),
      { numRuns: 2000 },
    );
  });
});
