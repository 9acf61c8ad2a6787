import { expectTypeOf, test } from 'vitest';
import { createEdgeApp, type EdgeApp, type Storage } from './index.ts';
import { type AccountTokenClaims, signAccountToken } from './token.ts';

declare const storage: Storage;

test('signAccountToken takes typed claims and returns a string', () => {
  expectTypeOf(signAccountToken).returns.resolves.toEqualTypeOf<string>();
  expectTypeOf<AccountTokenClaims['segment']>().toEqualTypeOf<'smb' | 'mid_market' | 'enterprise'>();
  // @ts-expect-error segment is a closed set
  void signAccountToken({ sub: 'a', uid: 'u', plan: 'team', acv: 1, segment: 'galactic', seats: 1 }, 's');
  // @ts-expect-error exp is set by expiresIn, never by hand
  void signAccountToken({ sub: 'a', uid: 'u', plan: 'team', acv: 1, segment: 'smb', seats: 1, exp: 1 }, 's');
});

test('createEdgeApp needs storage and a secret, and returns a fetch handler', () => {
  expectTypeOf(createEdgeApp({ storage, secret: 's' })).toEqualTypeOf<EdgeApp>();
  expectTypeOf<EdgeApp['fetch']>().returns.resolves.toEqualTypeOf<Response>();
  // @ts-expect-error the secret is required
  createEdgeApp({ storage });
});
