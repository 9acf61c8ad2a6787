// Issue #20, item 1: the optional `@headroom/sdk/forecast` entry reads the edge's projection of
// a meter's limit day from the client's `GET /v1/account` answer, validated, never thrown on.
import { describe, expect, it } from 'vitest';
import { client, testPlatform } from '../test/harness.ts';
import { meterForecast } from './forecast.ts';
import type { Headroom, Platform } from './types.ts';

const NOW = Date.UTC(2027, 0, 10, 15, 30);

const account = (forecasts: unknown) => ({
  accountId: 'acct_1',
  gateHits: [],
  invites: [],
  meterHistory: {},
  usage: {},
  forecasts,
});

/** A client whose edge answers `GET /v1/account` with `body`. */
async function clientAnswering(body: unknown): Promise<Headroom> {
  const fetch: Platform['fetch'] = (url) =>
    Promise.resolve(
      url.endsWith('/v1/account')
        ? Response.json(body)
        : Response.json({ accepted: 0, duplicates: 0 }, { status: 202 }),
    );
  const hr = client({ platform: testPlatform({ fetch }).platform });
  await hr.ready();
  return hr;
}

describe('meterForecast', () => {
  it('reads the meter’s projected limit day from the account answer', async () => {
    const hr = await clientAnswering(
      account({ docs: { limit: 1000, reachesOn: '2027-01-24', fired: true } }),
    );
    expect(meterForecast(hr, 'docs', NOW)).toEqual({
      limit: 1000,
      reachesOn: '2027-01-24',
      reachesAt: Date.UTC(2027, 0, 24),
      fired: true,
    });
    // A meter the edge did not project (too little data, flat, resets first, no trigger).
    expect(meterForecast(hr, 'seats', NOW)).toBeNull();
    await hr.shutdown();
  });

  it('keeps a projection for today and drops one for a day already past (a stale answer)', async () => {
    const hr = await clientAnswering(
      account({
        today: { limit: 10, reachesOn: '2027-01-10', fired: true },
        yesterday: { limit: 10, reachesOn: '2027-01-09', fired: true },
      }),
    );
    expect(meterForecast(hr, 'today', NOW)?.reachesOn).toBe('2027-01-10');
    expect(meterForecast(hr, 'yesterday', NOW)).toBeNull();
    await hr.shutdown();
  });

  it.each([
    ['no forecasts at all', { ...account(undefined) }],
    ['forecasts not an object', account('soon')],
    [
      'a limit that is not a positive number',
      account({ docs: { limit: '1000', reachesOn: '2027-01-24', fired: true } }),
    ],
    ['a zero limit', account({ docs: { limit: 0, reachesOn: '2027-01-24', fired: true } })],
    ['a day that is not YYYY-MM-DD', account({ docs: { limit: 1000, reachesOn: '24 Jan', fired: true } })],
    [
      'a day that is no calendar day',
      account({ docs: { limit: 1000, reachesOn: '2027-19-99', fired: true } }),
    ],
    ['fired missing', account({ docs: { limit: 1000, reachesOn: '2027-01-24' } })],
    ['an answer that is not an object', 'hello'],
    ['an answer that is null', null],
  ])('is null for %s, without throwing', async (_, body) => {
    const hr = await clientAnswering(body);
    expect(meterForecast(hr, 'docs', NOW)).toBeNull();
    await hr.shutdown();
  });

  it('does not read inherited keys as meters', async () => {
    const hr = await clientAnswering(account({}));
    expect(meterForecast(hr, '__proto__', NOW)).toBeNull();
    expect(meterForecast(hr, 'constructor', NOW)).toBeNull();
    await hr.shutdown();
  });

  it('is null before the answer arrives and for a client that is not one', () => {
    const pending = client({
      platform: testPlatform({ fetch: () => new Promise<Response>(() => {}) }).platform,
    });
    expect(meterForecast(pending, 'docs', NOW)).toBeNull();
    expect(meterForecast({} as Headroom, 'docs', NOW)).toBeNull();
    expect(meterForecast(null as unknown as Headroom, 'docs', NOW)).toBeNull();
  });
});
