import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
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
});
