import { describe, expect, it } from 'vitest';
import { claims, client, settle, testPlatform, tokenFor } from '../test/harness.ts';
import { createMemoryStorage } from './memory-storage.ts';
import type { TokenSource } from './types.ts';

// Boots a client against a dead endpoint and returns what it warned and which keys it wrote.
async function boot(token: TokenSource) {
  const warnings: string[] = [];
  const keys = new Set<string>();
  const storage = createMemoryStorage();
  const { platform } = testPlatform({
    fetch: async () => {
      throw new TypeError('dead');
    },
    console: { warn: (message: string) => warnings.push(message), error: () => {}, info: () => {} },
    storage: {
      ...storage,
      set: (key, value) => {
        keys.add(key);
        return storage.set(key, value);
      },
    },
  });
  const hr = client({ platform, token, debug: true });
  await hr.ready();
  hr.track('x');
  hr.gate('sso').hit();
  await settle();
  await hr.shutdown();
  return { warnings, keys: [...keys].sort(), hr };
}

describe('the first token', () => {
  it('keys the queue and the history by account and user, with no token warning', async () => {
    const { warnings, keys } = await boot(tokenFor(claims({ sub: 'a/1', uid: 'u:1' })));
    expect(warnings.filter((w) => w.includes('token'))).toEqual([]);
    expect(keys).toEqual(['hr:l:a%2F1:u%3A1', 'hr:q:a%2F1:u%3A1']);
  });

  it('reports a token without valid claims once, and stays anonymous', async () => {
    const { warnings, keys } = await boot('not.a.token');
    expect(warnings.filter((w) => w.includes('token'))).toEqual(['[headroom] token: invalid claims']);
    expect(keys).toEqual(['hr:l:anonymous', 'hr:q:anonymous']);
  });

  it('reports a token that cannot be had once, and stays anonymous', async () => {
    const { warnings, keys, hr } = await boot(() => Promise.reject(new Error('no token')));
    expect(warnings.filter((w) => w.startsWith('[headroom] token'))).toEqual([
      '[headroom] token: Error: no token',
    ]);
    expect(keys).toEqual(['hr:l:anonymous', 'hr:q:anonymous']);
    expect(hr.status.$.get()).toBe('shutdown');
  });

  it('reports claims that cannot key storage (a lone surrogate) and starts anonymous, not stuck', async () => {
    const json = JSON.stringify(claims()).replace('"acct_1"', '"\\ud800"');
    const payload = btoa(json).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const { warnings, keys, hr } = await boot(`eyJhbGciOiJIUzI1NiJ9.${payload}.c2ln`);
    expect(hr.account.$.get()?.sub).toBe('\ud800');
    expect(warnings.filter((w) => w.startsWith('[headroom] token'))).toEqual([
      expect.stringMatching(/^\[headroom\] token: URIError/),
    ]);
    expect(keys).toEqual(['hr:l:anonymous', 'hr:q:anonymous']);
  });
});
