// Shared fixtures for the edge tests: the canonical config, token minting, an app factory.
import { createEventId, DAY_MS, defineConfig, type HeadroomConfig } from '@headroom/core';
import acme from '../../core/examples/acme.config.json' with { type: 'json' };
import { createEdgeApp, type EdgeApp, type EdgeOptions, type Storage } from '../src/index.ts';
import { type AccountTokenClaims, signAccountToken } from '../src/token.ts';

export const SECRET = 'test-secret-that-is-long-enough-for-hs256';
export const ADMIN = 'admin-token-for-tests-0123456789abcdef';
export const SERVER_KEY = 'server-key-for-tests-0123456789abcdef';
export const acmeInput: unknown = acme;
export const acmeConfig: HeadroomConfig = defineConfig(acme);
/** 2026-11-23 12:00 UTC. */
export const NOW = Date.UTC(2026, 10, 23, 12);
export const BASE = 'http://edge.test';

let seq = 0;
/** A fresh account id per call, so tests sharing a store never see each other's data. */
export const accountId = (prefix = 'acct') => `${prefix}_${Date.now().toString(36)}_${++seq}`;

export const claimsFor = (sub: string, over: Partial<AccountTokenClaims> = {}): AccountTokenClaims => ({
  sub,
  uid: 'user_1',
  plan: 'team',
  acv: 1440,
  segment: 'smb',
  seats: 10,
  activatedAt: '2026-01-01',
  ...over,
});

export const tokenFor = (claims: AccountTokenClaims, nowMs = NOW, expiresIn: number | string = 900) =>
  signAccountToken(claims, SECRET, { now: Math.floor(nowMs / 1000), expiresIn });

export const eventId = (ts = NOW) => createEventId(ts);

export const daysBefore = (days: number, from = NOW) => from - days * DAY_MS;

/** A controllable clock. */
export function clock(start = NOW) {
  let t = start;
  return {
    now: () => t,
    set(ms: number) {
      t = ms;
    },
    advance(ms: number) {
      t += ms;
    },
  };
}

export interface TestApp extends EdgeApp {
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  put(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** An app over `storage` with test secrets, no rate limits and a silent log (unless overridden). */
export function testApp(storage: Storage, over: Partial<EdgeOptions> = {}): TestApp {
  const app = createEdgeApp({
    storage,
    secret: SECRET,
    adminToken: ADMIN,
    serverKey: SERVER_KEY,
    config: acmeInput,
    now: () => NOW,
    rateLimit: false,
    log: () => {},
    delivery: 'manual',
    ...over,
  });
  const send = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.fetch(
      new Request(`${BASE}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      }),
    );
  return {
    ...app,
    post: (path, body, headers) => send('POST', path, body, headers),
    put: (path, body, headers) => send('PUT', path, body, headers),
    get: (path, headers) => send('GET', path, undefined, headers),
  };
}

export const admin = { authorization: `Bearer ${ADMIN}` };
export const server = { authorization: `Bearer ${SERVER_KEY}` };

/** The acme triggers that `factsFiring` can make fire, in the order it adds them. */
export const FIRING_ORDER = [
  'usage_ceiling',
  'seat_saturation',
  'feature_exploration',
  'collaboration_surge',
];

/**
 * Real facts (usage, gate hits, invites) that make the first `n` of `FIRING_ORDER` fire for a
 * Team account under the acme config at time `ts`: what a browser reports, not what it claims.
 */
export function factsFiring(n: number, ts = NOW): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  const add = (event: Record<string, unknown>) => events.push({ id: eventId(ts), ts, ...event });
  if (n >= 1) add({ type: 'usage', meter: 'docs', value: 900 });
  if (n >= 2) add({ type: 'usage', meter: 'seats', value: 9 });
  if (n >= 3) for (const feature of ['sso', 'audit_log', 'automations']) add({ type: 'gate_hit', feature });
  if (n >= 4)
    for (let i = 0; i < 5; i++) add({ type: 'invite_sent', inviteId: `invite_${i}_${eventId(ts)}` });
  return events;
}
