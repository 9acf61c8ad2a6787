// Issue #17, item 2: when the SDK cannot know the account's data or the config, the optional
// `@headroom/sdk/diagnose` entry says why, with a code the README explains and a sentence that
// says what to do; the main entry keeps only the raw `diagnostics.lastError`.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { claims, client, config, ENDPOINT, T0, testPlatform, tokenFor } from '../test/harness.ts';
import { explainUnknown, type UnknownExplanation } from './diagnose.ts';
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

/** Starts a client against `fetch`, and asks why its data is unknown (with the same fetch). */
async function start(
  fetch: Platform['fetch'],
  options: { token?: TokenSource; config?: unknown; widgetReport?: string } = {},
) {
  const { platform } = testPlatform({ fetch });
  const { widgetReport, ...rest } = options;
  const hr = client({ platform, config: undefined, ...rest } as Parameters<typeof client>[0]);
  await hr.ready();
  // A widget reporting after the SDK's failure replaces the raw lastError.
  if (widgetReport) hr.diagnostics.report(widgetReport, 'GateWall');
  const diagnostics: Diagnostics = hr.diagnostics.$.get();
  const status = hr.status.$.get();
  const why: UnknownExplanation | undefined = await explainUnknown(hr, { endpoint: ENDPOINT, fetch });
  await hr.shutdown();
  return { diagnostics, status, why, reason: why?.reason };
}

// Token expiry is judged against the page's clock: the tokens here are minted around T0.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('why data is unknown (explainUnknown from @headroom/sdk/diagnose)', () => {
  it('everything answers: no reason', async () => {
    const { status, why } = await start(edge());
    expect(status).toBe('ready');
    expect(why).toBeUndefined();
  });

  it('token_expired: the edge refuses a token whose exp has passed', async () => {
    const expired = tokenFor(claims({ exp: Math.floor(T0 / 1000) - 60 }));
    const { diagnostics, status, reason, why } = await start(
      edge({ account: () => json({ error: {} }, 401) }),
      {
        token: expired,
      },
    );
    expect(status).toBe('offline');
    expect(reason).toBe('token_expired');
    expect(why?.message).toMatch(/expired.*function that returns a fresh token/);
    expect(diagnostics.lastError).toBe('account: 401');
  });

  it('token_invalid: the edge refuses a token that has not expired (wrong secret, tampered)', async () => {
    const live = tokenFor(claims({ exp: Math.floor(T0 / 1000) + 3600 }));
    const { reason, why } = await start(edge({ account: () => json({ error: {} }, 401) }), { token: live });
    expect(reason).toBe('token_invalid');
    expect(why?.message).toContain('HEADROOM_SECRET');
  });

  it('token_invalid: a token that is not an account token at all', async () => {
    const { reason } = await start(edge(), { token: 'not.a.token' });
    expect(reason).toBe('token_invalid');
  });

  it('token_invalid: the token function fails', async () => {
    const { diagnostics, reason, why } = await start(edge(), {
      token: () => Promise.reject(new Error('session gone')),
    });
    expect(reason).toBe('token_invalid');
    expect(diagnostics.lastError).toBe('flush: Error: session gone');
    expect(why?.message).toContain('session gone');
  });

  it('endpoint_unreachable: nothing answers, not even an opaque request', async () => {
    const { diagnostics, status, reason, why } = await start(() => networkError());
    expect(status).toBe('offline');
    expect(diagnostics.lastError).toMatch(/TypeError: Failed to fetch/);
    expect(reason).toBe('endpoint_unreachable');
    expect(why?.message).toContain(`Nothing answered as a Headroom edge at ${ENDPOINT}`);
  });

  it('endpoint_unreachable: the endpoint answers, but not as a Headroom edge (404)', async () => {
    const probes: string[] = [];
    const { reason } = await start(
      edge({
        config: () => json({}, 404),
        account: () => json({}, 404),
        opaque: (url) => {
          probes.push(url);
          return Promise.resolve(new Response(null));
        },
      }),
    );
    expect(reason).toBe('endpoint_unreachable');
    // Only a network failure needs the opaque request.
    expect(probes).toEqual([]);
  });

  it('cors_refused: requests fail but an opaque request reaches the host', async () => {
    const probes: string[] = [];
    const { reason, why } = await start(
      edge({
        config: networkError,
        account: networkError,
        opaque: (url) => {
          probes.push(url);
          return Promise.resolve(new Response(null));
        },
      }),
    );
    expect(reason).toBe('cors_refused');
    expect(why?.message).toContain('HEADROOM_ALLOWED_ORIGINS');
    // One opaque request, to the endpoint itself.
    expect(probes).toEqual([ENDPOINT]);
  });

  it('config_invalid: an inline config that is not a config', async () => {
    const { reason } = await start(edge({ config: () => json({ meters: 'nope' }) }), {
      config: { meters: 'nope' },
    });
    expect(reason).toBe('config_invalid');
  });

  it('config_invalid: the edge serves a document that is not a config', async () => {
    const { diagnostics, reason, why } = await start(edge({ config: () => json({ hello: 'world' }) }));
    expect(reason).toBe('config_invalid');
    expect(why?.message).toContain(`${ENDPOINT}/v1/config, is not a Headroom config`);
    expect(diagnostics.lastError).toBe('config: invalid');
  });

  it('an expired token is not hidden by a later failure', async () => {
    const expired = tokenFor(claims({ exp: Math.floor(T0 / 1000) - 60 }));
    const { diagnostics, reason } = await start(
      edge({
        account: () => json({ error: {} }, 401),
        // The config answers after the account did, and fails differently.
        config: () =>
          new Promise((resolve) => setTimeout(() => resolve(Response.json({}, { status: 500 })), 5)),
      }),
      { token: expired },
    );
    expect(diagnostics.lastError).toBe('config: 500');
    expect(reason).toBe('token_expired');
  });
});

describe('when a widget reported after the SDK failed (lastError replaced)', () => {
  const widgetReport = 'audit_log: entitlement unknown, shown';

  it('cors_refused: asks the public config again, then makes the opaque request', async () => {
    const asked: string[] = [];
    const { diagnostics, reason, why } = await start(
      (url, init) => {
        asked.push(`${init?.mode ?? 'cors'} ${url}`);
        return init?.mode === 'no-cors' ? Promise.resolve(new Response(null)) : networkError();
      },
      { widgetReport },
    );
    expect(diagnostics.lastError).toBe(`GateWall: ${widgetReport}`);
    expect(reason).toBe('cors_refused');
    expect(why?.message).not.toContain('GateWall');
    expect(asked.slice(-2)).toEqual([`cors ${ENDPOINT}/v1/config`, `no-cors ${ENDPOINT}`]);
  });

  it('config_invalid: the edge serves the document the SDK refused', async () => {
    const { reason } = await start(edge({ config: () => json({ hello: 'world' }) }), { widgetReport });
    expect(reason).toBe('config_invalid');
  });

  it('endpoint_unreachable: the config is not served (503 before a config is published)', async () => {
    const { reason } = await start(edge({ config: () => json({}, 503), account: () => json({}, 503) }), {
      widgetReport,
    });
    expect(reason).toBe('endpoint_unreachable');
  });

  it('token_expired: still named from the token itself', async () => {
    const expired = tokenFor(claims({ exp: Math.floor(T0 / 1000) - 60 }));
    const { reason } = await start(edge({ account: () => json({ error: {} }, 401) }), {
      token: expired,
      widgetReport,
    });
    expect(reason).toBe('token_expired');
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
