import { type AccountClaims, defineConfig, type HeadroomConfig } from '@headroom/core';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import acme from '../../core/examples/acme.config.json' with { type: 'json' };
import { createHeadroom } from '../src/create-headroom.ts';
import { createMemoryStorage } from '../src/memory-storage.ts';
import type { Headroom, HeadroomOptions, Platform } from '../src/types.ts';

export const ENDPOINT = 'https://edge.test';
export const DAY = 86_400_000;
/** 2026-03-01T12:00:00Z */
export const T0 = Date.UTC(2026, 2, 1, 12);

export const config: HeadroomConfig = defineConfig(acme);

export const claims = (over: Partial<AccountClaims> = {}): AccountClaims => ({
  sub: 'acct_1',
  uid: 'user_1',
  plan: 'free',
  acv: 0,
  segment: 'smb',
  seats: 3,
  activatedAt: '2025-01-01',
  ...over,
});

/** An unsigned JWT-shaped token: the browser never verifies, so tests need no secret. */
export const tokenFor = (c: object) => {
  const bytes = new TextEncoder().encode(JSON.stringify(c));
  const b64 = btoa(String.fromCharCode(...bytes));
  return `eyJhbGciOiJIUzI1NiJ9.${b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}.c2ln`;
};

export interface Received {
  batches: Array<{ token: string; sentAt: number; events: Array<Record<string, unknown>> }>;
  ids: () => string[];
  of: (type: string) => Array<Record<string, unknown>>;
}

/** An msw server that answers like the edge; `events` can be overridden per test. */
export function edgeServer() {
  const received: Received = {
    batches: [],
    ids: () => received.batches.flatMap((b) => b.events.map((e) => String(e.id))),
    of: (type) => received.batches.flatMap((b) => b.events).filter((e) => e.type === type),
  };
  const server = setupServer(
    http.post(`${ENDPOINT}/v1/events`, async ({ request }) => {
      const body = JSON.parse(await request.text());
      received.batches.push(body);
      return HttpResponse.json({ accepted: body.events.length, duplicates: 0, rejected: 0 }, { status: 202 });
    }),
    http.get(`${ENDPOINT}/v1/account`, () =>
      HttpResponse.json({
        accountId: 'acct_1',
        gateHits: [],
        invites: [],
        firstPqlAt: null,
        activeTriggers: [],
        usage: {},
      }),
    ),
    http.get(`${ENDPOINT}/v1/config`, () => HttpResponse.json(config, { headers: { etag: '"v1"' } })),
  );
  return { server, received };
}

/** A platform with a settable clock, shared memory storage and no browser globals. */
export function testPlatform(over: Partial<Platform> = {}) {
  const clock = { now: T0 };
  const platform: Partial<Platform> = {
    now: () => clock.now,
    storage: createMemoryStorage(),
    withLock: undefined,
    broadcast: undefined,
    onHidden: undefined,
    onOnline: undefined,
    sendBeacon: undefined,
    random: () => 0.5,
    console: { warn: () => {}, error: () => {}, info: () => {} },
    ...over,
  };
  return { clock, platform };
}

export function client(options: Partial<HeadroomOptions> & { platform: Partial<Platform> }): Headroom {
  return createHeadroom({ endpoint: ENDPOINT, token: tokenFor(claims()), config, ...options });
}

/** Lets microtasks, zero-delay timers and msw handlers run. */
export const settle = async (rounds = 5) => {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 1));
};
