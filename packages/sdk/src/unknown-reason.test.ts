// Issue #17, item 2: when the SDK cannot know the account's data or the config, diagnostics
// say why, with a code the README explains (what to do about each).
import { describe, expect, it } from 'vitest';
import { claims, client, config, ENDPOINT, T0, testPlatform, tokenFor } from '../test/harness.ts';
import type { Diagnostics, Platform, TokenSource } from './types.ts';

type Answer = (url: string, init?: RequestInit) => Promise<Response>;

const json = (body: unknown, status = 200) => Promise.resolve(Response.json(body, { status }));
const history = {
  accountId: 'acct_1',
  gateHits: [],
  invites: [],
  firstPqlAt: null,
  activeTriggers: [],
  usage: {},
};

/** An edge that answers config and account normally unless `over` says otherwise. */
const edge =
  (over: { config?: Answer; account?: Answer; opaque?: Answer } = {}): Platform['fetch'] =>
  (url, init) => {
    if (init?.mode === 'no-cors')
      return (over.opaque ?? (() => Promise.resolve(new Response(null))))(url, init);
    if (url.endsWith('/v1/config')) return (over.config ?? (() => json(config)))(url, init);
    if (url.endsWith('/v1/account')) return (over.account ?? (() => json(history)))(url, init);
    return json({ accepted: 0, duplicates: 0 }, 202);
  };

const networkError = () => Promise.reject(new TypeError('Failed to fetch'));

async function start(fetch: Platform['fetch'], options: { token?: TokenSource; config?: unknown } = {}) {
  const { platform } = testPlatform({ fetch });
  const hr = client({ platform, config: undefined, ...options } as Parameters<typeof client>[0]);
  await hr.ready();
  const diagnostics: Diagnostics = hr.diagnostics.$.get();
  const status = hr.status.$.get();
  await hr.shutdown();
  return { diagnostics, status };
}

describe('why data is unknown (diagnostics.reason)', () => {
  it('everything answers: no reason', async () => {
    const { diagnostics, status } = await start(edge());
    expect(status).toBe('ready');
    expect(diagnostics.reason).toBeUndefined();
  });

  it('token_expired: the edge refuses a token whose exp has passed', async () => {
    const expired = tokenFor(claims({ exp: Math.floor(T0 / 1000) - 60 }));
    const { diagnostics, status } = await start(edge({ account: () => json({ error: {} }, 401) }), {
      token: expired,
    });
    expect(status).toBe('offline');
    expect(diagnostics.reason).toBe('token_expired');
    expect(diagnostics.lastError).toBe('account: 401');
  });

  it('token_invalid: the edge refuses a token that has not expired (wrong secret, tampered)', async () => {
    const live = tokenFor(claims({ exp: Math.floor(T0 / 1000) + 3600 }));
    const { diagnostics } = await start(edge({ account: () => json({ error: {} }, 401) }), { token: live });
    expect(diagnostics.reason).toBe('token_invalid');
  });

  it('token_invalid: a token that is not an account token at all', async () => {
    const { diagnostics } = await start(edge(), { token: 'not.a.token' });
    expect(diagnostics.reason).toBe('token_invalid');
  });

  it('token_invalid: the token function fails', async () => {
    const { diagnostics } = await start(edge(), { token: () => Promise.reject(new Error('session gone')) });
    expect(diagnostics.reason).toBe('token_invalid');
  });

  it('endpoint_unreachable: nothing answers, not even an opaque request', async () => {
    const { diagnostics, status } = await start(() => networkError());
    expect(status).toBe('offline');
    expect(diagnostics.reason).toBe('endpoint_unreachable');
  });

  it('endpoint_unreachable: the endpoint answers, but not as a Headroom edge (404)', async () => {
    const { diagnostics } = await start(edge({ config: () => json({}, 404), account: () => json({}, 404) }));
    expect(diagnostics.reason).toBe('endpoint_unreachable');
  });

  it('cors_refused: requests fail but an opaque request reaches the host', async () => {
    const probes: string[] = [];
    const { diagnostics } = await start(
      edge({
        config: networkError,
        account: networkError,
        opaque: (url) => {
          probes.push(url);
          return Promise.resolve(new Response(null));
        },
      }),
    );
    expect(diagnostics.reason).toBe('cors_refused');
    expect(probes.every((url) => url === ENDPOINT)).toBe(true);
  });

  it('config_invalid: an inline config that is not a config', async () => {
    const { diagnostics } = await start(edge({ config: () => json({ meters: 'nope' }) }), {
      config: { meters: 'nope' },
    });
    expect(diagnostics.reason).toBe('config_invalid');
  });

  it('config_invalid: the edge serves a document that is not a config', async () => {
    const { diagnostics } = await start(edge({ config: () => json({ hello: 'world' }) }));
    expect(diagnostics.reason).toBe('config_invalid');
    expect(diagnostics.lastError).toBe('config: invalid');
  });

  it('keeps the first cause: an expired token is not hidden by a later failure', async () => {
    const expired = tokenFor(claims({ exp: Math.floor(T0 / 1000) - 60 }));
    const { diagnostics } = await start(
      edge({
        account: () => json({ error: {} }, 401),
        // The config answers after the account did, and fails differently.
        config: () =>
          new Promise((resolve) => setTimeout(() => resolve(Response.json({}, { status: 500 })), 5)),
      }),
      { token: expired },
    );
    expect(diagnostics.reason).toBe('token_expired');
  });
});

describe('status after a failed start', () => {
  it('stays offline when events get through but the account never answered', async () => {
    const { platform } = testPlatform({ fetch: edge({ account: () => json({ error: {} }, 401) }) });
    const hr = client({ platform, config: undefined, token: tokenFor(claims({ exp: 1 })) });
    await hr.ready();
    hr.track('opened');
    await hr.flush();
    expect(hr.diagnostics.$.get().sent).toBe(1);
    // "ready" would let the widgets read an account that never answered as known usage.
    expect(hr.status.$.get()).toBe('offline');
    await hr.shutdown();
  });
});
