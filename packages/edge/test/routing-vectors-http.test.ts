// The shared routing vectors from core, run against POST /v1/route over real HTTP on
// loopback: claims come from a signed token, PQL age and active signals from stored events.
import { DAY_MS } from '@headroom/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import vectors from '../../core/test/vectors/routing.json' with { type: 'json' };
import { createPgliteStorage } from '../src/index.ts';
import { type EdgeServer, startEdgeServer } from '../src/node/start-edge-server.ts';
import { ADMIN, acmeConfig, acmeInput, claimsFor, eventId, NOW, SECRET, tokenFor } from './helpers.ts';

interface RoutingCase {
  name: string;
  input: {
    plan: string;
    seats?: number;
    needs?: string[];
    claims: { acv: number; segment: 'smb' | 'mid_market' | 'enterprise'; seats: number };
    pqlAgeDays?: number;
    activeSignals?: number;
  };
  routing?: Record<string, unknown>;
  expected: { route: string; reasons: string[]; expansionAcv: number | null };
}

describe('routing vectors over HTTP', () => {
  let server: EdgeServer;
  const call = async (method: string, path: string, body: unknown, auth?: string) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    server = await startEdgeServer({
      storage: await createPgliteStorage(),
      secret: SECRET,
      adminToken: ADMIN,
      config: acmeInput,
      now: () => NOW,
      log: () => {},
      port: 0,
      delivery: 'manual',
    });
  }, 60_000);
  afterAll(() => server?.close());

  const cases = (vectors.cases as RoutingCase[]).map((c, i) => [c.name, c, i] as const);
  it.each(cases)('%s', async (_, c, i) => {
    const sub = `vector_${i}`;
    const token = await tokenFor(claimsFor(sub, { plan: 'team', ...c.input.claims }));
    const published = await call(
      'PUT',
      '/v1/admin/config',
      { config: { ...acmeConfig, routing: { ...acmeConfig.routing, ...c.routing } } },
      ADMIN,
    );
    expect(published.status).toBe(201);
    const events: unknown[] = [];
    if (c.input.pqlAgeDays !== undefined) {
      const ts = NOW - c.input.pqlAgeDays * DAY_MS - 60_000;
      events.push({ id: eventId(ts), type: 'trigger_fired', triggerId: 'usage_ceiling', ts });
    }
    for (let k = 0; k < (c.input.activeSignals ?? 0); k++) {
      events.push({
        id: eventId(NOW - 3600_000),
        type: 'trigger_fired',
        triggerId: `signal_${k}`,
        ts: NOW - 3600_000,
      });
    }
    if (events.length > 0) {
      const stored = await call('POST', '/v1/events', { token, sentAt: NOW, events });
      expect(stored.body.accepted).toBe(events.length);
    }
    const { seats, needs, plan } = c.input;
    const res = await call('POST', '/v1/route', {
      token,
      plan,
      ...(seats === undefined ? {} : { seats }),
      ...(needs === undefined ? {} : { needs }),
    });
    expect(res.status).toBe(200);
    expect({ route: res.body.route, reasons: res.body.reasons, expansionAcv: res.body.expansionAcv }).toEqual(
      c.expected,
    );
  });
});
