import { accountClaimsSchema } from '@headroom/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claims, tokenFor } from '../test/harness.ts';
import { decodeClaims, parseClaims } from './decode-claims.ts';

describe('decodeClaims', () => {
  it('reads the payload of a JWT, unicode included', () => {
    const c = claims({ sub: 'acct_é', usage: { seats: 2 }, exp: 1_900_000_000 });
    expect(decodeClaims(tokenFor(c))).toEqual(c);
  });

  it('is null for anything that is not a token with valid claims', () => {
    for (const bad of [
      undefined,
      '',
      'abc',
      'a.b.c',
      'a.!!!.c',
      42,
      tokenFor({ sub: 'x' }),
      tokenFor(claims({ seats: 1.5 })),
    ]) {
      expect(decodeClaims(bad)).toBeNull();
    }
  });

  // The SDK checks claims by hand to stay within its byte budget; every token the edge's
  // schema accepts must decode to the same claims, and identity-less claims never decode.
  it('decodes whatever core accountClaimsSchema accepts, to the same values', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 3 }),
      fc.constantFrom('smb', 'mid_market', 'enterprise', '2025-01-01', 'not a date', 'x'.repeat(201)),
      fc.double(),
      fc.integer({ min: -5, max: 20_000_000 }),
      fc.boolean(),
      fc.constant(null),
      fc.dictionary(fc.string({ maxLength: 2 }), fc.oneof(fc.double(), fc.string())),
    );
    const keys = [
      'sub',
      'uid',
      'plan',
      'acv',
      'segment',
      'seats',
      'activatedAt',
      'health',
      'churnRisk',
      'usage',
      'exp',
      'iat',
    ];
    const input = fc
      .tuple(
        fc.constant(claims()),
        fc.dictionary(fc.constantFrom(...keys), fc.oneof(value, fc.constant(undefined))),
      )
      .map(([base, over]) => ({ ...base, ...over }));
    fc.assert(
      fc.property(input, (c) => {
        const zod = accountClaimsSchema.safeParse(c);
        const mine = parseClaims(c);
        if (zod.success) expect(mine).toMatchObject(zod.data);
        const identity = [c.sub, c.uid, c.plan].every((v) => typeof v === 'string' && v.length > 0);
        if (!identity) expect(mine).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });
});
