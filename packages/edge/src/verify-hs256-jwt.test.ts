import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyHs256Jwt } from './verify-hs256-jwt.ts';

const SECRET = 'hs256-unit-test-secret';
const NOW_S = 1_800_000_000;
const clock = { nowSeconds: NOW_S, toleranceSeconds: 30 };
const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const sign = (claims: unknown, header: unknown = { alg: 'HS256', typ: 'JWT' }) => {
  const input = `${segment(header)}.${segment(claims)}`;
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
};
const importKey = (usage: KeyUsage, hash = 'SHA-256') =>
  crypto.subtle.importKey('raw', new TextEncoder().encode(SECRET), { name: 'HMAC', hash }, false, [usage]);

describe('verifyHs256Jwt', async () => {
  const key = await importKey('verify');

  it('returns the claims of a genuine token as signed', async () => {
    const claims = { sub: 'a', exp: NOW_S + 60, extra: { nested: [1, 2] } };
    expect(await verifyHs256Jwt(sign(claims), key, clock)).toEqual({ ok: true, claims });
  });

  it('names why it refused, so the caller can tell an expired token from a bad one', async () => {
    const reasons = async (token: string) => {
      const verification = await verifyHs256Jwt(token, key, clock);
      return verification.ok ? 'ok' : verification.reason;
    };
    expect(await reasons('a.b')).toBe('malformed');
    expect(await reasons(sign({ exp: NOW_S }, { alg: 'HS256', crit: ['b64'], b64: true }))).toBe('malformed');
    expect(await reasons(sign({ exp: NOW_S + 60 }, { alg: 'HS512' }))).toBe('algorithm_not_allowed');
    expect(await reasons(`${sign({ exp: NOW_S + 60 }).slice(0, -2)}AA`)).toBe('bad_signature');
    expect(await reasons(sign({}))).toBe('claims_invalid');
    expect(await reasons(sign({ exp: NOW_S + 60, nbf: NOW_S + 31 }))).toBe('not_yet_valid');
    expect(await reasons(sign({ exp: NOW_S - 30 }))).toBe('expired');
    expect(await reasons(sign({ exp: NOW_S - 29 }))).toBe('ok');
  });

  it('refuses a key that is not an HMAC SHA-256 verify key, as a programming error', async () => {
    const token = sign({ exp: NOW_S + 60 });
    await expect(verifyHs256Jwt(token, await importKey('sign'), clock)).rejects.toThrow(TypeError);
    await expect(verifyHs256Jwt(token, await importKey('verify', 'SHA-512'), clock)).rejects.toThrow(
      TypeError,
    );
  });
});
