// `@headroom/edge/token` re-exports `@headroom/server`'s signer: the tokens it signs are the
// ones this edge verifies (one implementation, two import paths).
import { signAccountToken as signFromServer } from '@headroom/server';
import { describe, expect, it } from 'vitest';
import { signAccountToken } from './token.ts';
import { importTokenKey, verifyAccountToken } from './verify-account-token.ts';

const claims = { sub: 'acct_1', uid: 'u_1', plan: 'team', acv: 1440, segment: 'smb' as const, seats: 10 };

describe('@headroom/edge/token', () => {
  it('is the server package signer, and the edge verifies what it signs', async () => {
    expect(signAccountToken).toBe(signFromServer);
    const token = await signAccountToken(claims, 'secret', { expiresIn: 600, now: 1_800_000_000 });
    const key = await importTokenKey('secret');
    expect(await verifyAccountToken(token, key, 1_800_000_100_000)).toMatchObject(claims);
    await expect(verifyAccountToken(token, key, 1_800_000_700_000)).rejects.toMatchObject({
      status: 401,
      code: 'token_expired',
    });
  });
});
