import fc from 'fast-check';
import { decodeJwt, decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signAccountToken } from './sign-account-token.ts';

const claims = { sub: 'acct_1', uid: 'u_1', plan: 'team', acv: 1440, segment: 'smb' as const, seats: 10 };

describe('signAccountToken', () => {
  it('signs HS256 with iat and exp, verifiable with the shared secret', async () => {
    const token = await signAccountToken(claims, 'secret', { expiresIn: 600, now: 1_800_000_000 });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decodeJwt(token)).toMatchObject({ ...claims, iat: 1_800_000_000, exp: 1_800_000_600 });
    const key = new TextEncoder().encode('secret');
    const verified = await jwtVerify(token, key, { currentDate: new Date(1_800_000_100_000) });
    expect(verified.payload).toMatchObject(claims);
    await expect(jwtVerify(token, key, { currentDate: new Date(1_800_000_700_000) })).rejects.toThrow(/exp/);
    await expect(jwtVerify(token, new TextEncoder().encode('other'))).rejects.toThrow(/signature/);
  });

  it('defaults to a 15 minute lifetime', async () => {
    const token = await signAccountToken(claims, 'secret', { now: 1_800_000_000 });
    expect(decodeJwt(token).exp).toBe(1_800_000_900);
    const twoHours = await signAccountToken(claims, 'secret', { now: 1_800_000_000, expiresIn: '2 hours' });
    expect(decodeJwt(twoHours).exp).toBe(1_800_007_200);
  });

  it('rejects a lifetime it cannot read', async () => {
    await expect(signAccountToken(claims, 'secret', { expiresIn: 'soon' })).rejects.toThrow(/expiresIn/);
    await expect(signAccountToken(claims, 'secret', { expiresIn: -5 })).rejects.toThrow(/expiresIn/);
  });

  it('refuses invalid claims instead of signing them', async () => {
    await expect(signAccountToken({ ...claims, acv: -1 }, 'secret')).rejects.toThrow(/acv/);
    await expect(
      signAccountToken({ ...claims, segment: 'galactic' as unknown as 'smb' }, 'secret'),
    ).rejects.toThrow(/segment/);
  });

  it('refuses a "__proto__" usage key instead of signing claims without it', async () => {
    const usage = JSON.parse('{"__proto__": 3, "docs": 1}') as Record<string, number>;
    await expect(signAccountToken({ ...claims, usage }, 'secret')).rejects.toThrow(
      /usage\.__proto__: not a meter id/,
    );
  });

  it('rejects a signing time that is not a number of seconds', async () => {
    await expect(signAccountToken(claims, 'secret', { now: Number.NaN })).rejects.toThrow(/now/);
    await expect(signAccountToken(claims, 'secret', { now: Number.POSITIVE_INFINITY })).rejects.toThrow(
      /now/,
    );
  });
});

// jose is the independent reference: our WebCrypto signer must produce the very bytes jose's
// SignJWT produces for the same claims, time and secret, and jose must verify them.
describe('signAccountToken against jose', () => {
  const joseSigned = (payload: object, secret: string | Uint8Array, now: number, lifetime: number) =>
    new SignJWT({ ...payload })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt(now)
      .setExpirationTime(now + lifetime)
      .sign(typeof secret === 'string' ? new TextEncoder().encode(secret) : secret);

  const claimsArbitrary = fc.record(
    {
      sub: fc.string({ minLength: 1, maxLength: 40 }),
      uid: fc.string({ minLength: 1, maxLength: 40 }),
      plan: fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' }),
      acv: fc.double({ min: 0, max: 1e9, noNaN: true }),
      segment: fc.constantFrom('smb' as const, 'mid_market' as const, 'enterprise' as const),
      seats: fc.nat({ max: 100_000 }),
      health: fc.integer({ min: 0, max: 100 }),
      churnRisk: fc.boolean(),
      usage: fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.nat()),
    },
    { requiredKeys: ['sub', 'uid', 'plan', 'acv', 'segment', 'seats'] },
  );

  it('signs the same bytes as jose, and jose verifies them', async () => {
    await fc.assert(
      fc.asyncProperty(
        claimsArbitrary,
        fc.oneof(fc.string({ minLength: 1, maxLength: 64 }), fc.uint8Array({ minLength: 1, maxLength: 64 })),
        fc.integer({ min: 1_600_000_000, max: 2_000_000_000 }),
        fc.integer({ min: 1, max: 86_400 }),
        async (accountClaims, secret, now, lifetime) => {
          // A "__proto__" meter key is refused (parsing would drop it and sign other claims).
          if (accountClaims.usage && Object.hasOwn(accountClaims.usage, '__proto__')) {
            await expect(
              signAccountToken(accountClaims, secret, { now, expiresIn: lifetime }),
            ).rejects.toThrow(/usage\.__proto__: not a meter id/);
            return;
          }
          const ours = await signAccountToken(accountClaims, secret, { now, expiresIn: lifetime });
          expect(ours).toBe(await joseSigned(accountClaims, secret, now, lifetime));
          const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
          const { payload } = await jwtVerify(ours, key, {
            algorithms: ['HS256'],
            currentDate: new Date(now * 1000),
          });
          expect(payload).toEqual({ ...accountClaims, iat: now, exp: now + lifetime });
        },
      ),
      { numRuns: 200 },
    );
  });
});
