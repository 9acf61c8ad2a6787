import { describe, expect, it } from 'vitest';
import { adminTokensOf, parseAdminTokens } from './admin-tokens.ts';

describe('parseAdminTokens', () => {
  it('reads label:token pairs; a token may contain colons', () => {
    expect(parseAdminTokens(' ana:abc , ci-bot:x:y:z ,')).toEqual({ ana: 'abc', 'ci-bot': 'x:y:z' });
  });

  it('names the malformed entry without echoing any token', () => {
    expect(() => parseAdminTokens('ana:abc,secret-without-label')).toThrow(
      'HEADROOM_ADMIN_TOKENS entry 2 must be label:token',
    );
    expect(() => parseAdminTokens('ana:abc,ana:def')).toThrow('names the label "ana" twice');
    expect(() => parseAdminTokens('a b:abc')).toThrow('entry 1');
  });

  it('adds the lone admin token as "admin"', () => {
    expect(adminTokensOf({ adminToken: 't', adminTokens: { ana: 'u' } })).toEqual([
      ['ana', 'u'],
      ['admin', 't'],
    ]);
    expect(adminTokensOf({})).toEqual([]);
  });
});
