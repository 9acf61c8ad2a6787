// Our WebCrypto signer and verifier against jose, an independent implementation: tokens
// either one signs, the other verifies; and on random claims, headers, secrets, clocks and
// single-character tampering the two verifiers reach the same verdict, except where ours is
// stricter on purpose (one spelling per signature, no `crit`, 8 KB at most).
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../src/http-error.ts';
import { signAccountToken } from '../src/token.ts';
import { importTokenKey, verifyAccountToken } from '../src/verify-account-token.ts';
import { claimsFor, NOW, SECRET } from './helpers.ts';
import { joseSign, joseTokenOutcome, type TokenOutcome } from './jose-reference.ts';

const NOW_S = NOW / 1000;

async function ourOutcome(token: string, key: CryptoKey, nowMs: number): Promise<TokenOutcome> {
  try {
    await verifyAccountToken(token, key, nowMs);
    return 'ok';
  } catch (error) {
    if (error instanceof HttpError && error.status === 401) return error.code as TokenOutcome;
    throw error;
  }
}

const signRaw = (header: unknown, payload: unknown, secret: string) => {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};

// Where our verifier refuses and jose accepts, by design.
const stricterThanJose = (token: string) => {
  const [header, , signature = ''] = token.split('.');
  const canonical = Buffer.from(signature, 'base64url').toString('base64url') === signature;
  let hasCrit = false;
  try {
    hasCrit = 'crit' in JSON.parse(Buffer.from(header ?? '', 'base64url').toString());
  } catch {}
  return !canonical || hasCrit || token.length > 8192;
};

describe('account tokens: our WebCrypto code and jose agree', async () => {
  const key = await importTokenKey(SECRET);

  it('jose verifies what signAccountToken signs, and we verify what jose signs', async () => {
    const claims = claimsFor('acct_cross', {
      usage: { seats: 9, api_calls: 120 },
      health: 80,
      churnRisk: false,
    });
    const ours = await signAccountToken(claims, SECRET, { now: NOW_S, expiresIn: '15m' });
    expect(await joseTokenOutcome(ours, key, NOW)).toBe('ok');
    const theirs = await joseSign({ ...claims, iat: NOW_S, exp: NOW_S + 900 }, SECRET);
    expect(await verifyAccountToken(theirs, key, NOW)).toEqual({ ...claims, iat: NOW_S, exp: NOW_S + 900 });
    // jose without typ, with nbf: still ours to verify.
    const bare = await joseSign({ ...claims, nbf: NOW_S, exp: NOW_S + 60 }, SECRET, { alg: 'HS256' });
    expect(await ourOutcome(bare, key, NOW)).toBe('ok');
    // Expired, either way round: both call it expired.
    const old = await signAccountToken(claims, SECRET, { now: NOW_S - 7200, expiresIn: '1h' });
    expect(await joseTokenOutcome(old, key, NOW)).toBe('token_expired');
    expect(await ourOutcome(await joseSign({ ...claims, exp: NOW_S - 3600 }, SECRET), key, NOW)).toBe(
      'token_expired',
    );
  });

  it('reach the same verdict on random tokens (claims, alg, secret, clock, time claims)', async () => {
    // Mostly valid, so the time checks are reached; near the tolerance edges often enough to
    // land on them exactly.
    const mostly = <T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>) =>
      fc.oneof({ arbitrary: valid, weight: 9 }, { arbitrary: invalid, weight: 1 });
    const garbageTime = fc.constantFrom(undefined, '1800000000', null, true);
    const offset = (min: number, max: number) => fc.integer({ min, max }).map((seconds) => NOW_S + seconds);
    const claims = fc.record({
      sub: mostly(fc.string({ minLength: 1, maxLength: 8 }), fc.constant('')),
      uid: fc.constant('user_1'),
      plan: mostly(fc.constantFrom('team', 'business'), fc.constant('')),
      acv: mostly(fc.nat({ max: 50_000 }), fc.constant(-1)),
      segment: mostly(fc.constantFrom('smb', 'mid_market', 'enterprise'), fc.constant('galactic')),
      seats: mostly(fc.nat({ max: 500 }), fc.constant(1.5)),
      exp: mostly(fc.oneof(offset(-33, -27), offset(-7200, 7200)), garbageTime),
      nbf: mostly(fc.oneof(fc.constant(undefined), offset(27, 33), offset(-7200, 7200)), garbageTime),
      iat: mostly(fc.oneof(fc.constant(undefined), offset(-7200, 7200)), garbageTime),
    });
    const header = mostly(
      fc.constantFrom({ alg: 'HS256', typ: 'JWT' }, { alg: 'HS256' }),
      fc.oneof(
        fc.record({ alg: fc.constantFrom('none', 'HS384', 'HS512', 'RS256', 'hs256', '') }),
        fc.constant({ alg: 'HS256', crit: ['exp'] }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        claims,
        header,
        mostly(fc.constant(SECRET), fc.constant('another-secret')),
        fc.oneof(
          fc.integer({ min: -3, max: 3 }).map((seconds) => seconds * 1000),
          fc.integer({ min: -120_000, max: 120_000 }),
        ),
        async (payload, jwtHeader, secret, skewMs) => {
          const token = signRaw(jwtHeader, payload, secret);
          const nowMs = NOW + skewMs;
          expect(await ourOutcome(token, key, nowMs)).toBe(await joseTokenOutcome(token, key, nowMs));
        },
      ),
      { numRuns: 600 },
    );
  });

  it('reach the same verdict when one character is changed, unless ours is stricter by design', async () => {
    const genuine = await signAccountToken(claimsFor('acct_flip'), SECRET, { now: NOW_S, expiresIn: 900 });
    const characters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.+/= ';
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: genuine.length - 1 }),
        fc.constantFrom(...characters),
        async (position, character) => {
          const token = genuine.slice(0, position) + character + genuine.slice(position + 1);
          const ours = await ourOutcome(token, key, NOW);
          const jose = await joseTokenOutcome(token, key, NOW);
          if (ours !== jose) {
            expect({ ours, jose, stricter: stricterThanJose(token) }).toEqual({
              ours: 'invalid_token',
              jose: 'ok',
              stricter: true,
            });
          }
          // Only the genuine token itself is accepted: no second spelling gets through.
          expect(ours === 'ok').toBe(token === genuine);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
