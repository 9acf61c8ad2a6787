// The shared routing vectors from core, run against POST /v1/route over real HTTP on
// loopback: claims come from a signed token; PQL age and active signals from the edge's own
// evaluation of real facts (usage, gate hits, invites), stored while the clock is set back.
import { DAY_MS } from '@headroom/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import vectors from '../../core/test/vectors/routing.json' with { type: 'json' };
import { createPgliteStorage } from '../src/index.ts';
import { type EdgeServer, startEdgeServer } from '../src/node/start-edge-server.ts';
import {
  ADMIN,
  acmeConfig,
  acmeInput,
  claimsFor,
  clock,
  factsFiring,
  NOW,
  SECRET,
  tokenFor,
} from './helpers.ts';

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
  const time = clock();
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
      now: time.now,
      rateLimit: false,
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
    const signals = Math.max(c.input.activeSignals ?? 0, c.input.pqlAgeDays === undefined ? 0 : 1);
    if (signals > 0) {
      // The PQL episode starts when the edge first evaluates the facts: set the clock back.
      const at = NOW - (c.input.pqlAgeDays ?? 0) * DAY_MS - 60_000;
      time.set(at);
      const events = factsFiring(signals, at);
      const then = await tokenFor(claimsFor(sub, { plan: 'team', ...c.input.claims }), at);
      const stored = await call('POST', '/v1/events', { token: then, sentAt: at, events });
      expect(stored.body.accepted).toBe(events.length);
      // The PQL episode begins when the edge evaluates the batch, right behind its answer.
      await server.app.flush();
      time.set(NOW);
    }
    const { seats, needs, plan } = c.input;
    const csNeeds = acmeConfig.routing.csNeeds;
    const strayNeed = needs?.findIndex((need) => !csNeeds.includes(need)) ?? -1;
    const res = await call('POST', '/v1/route', {
      token,
      plan,
      ...(seats === undefined ? {} : { seats }),
      ...(needs === undefined ? {} : { needs }),
    });
    if (strayNeed >= 0) {
      // The edge refuses a need CS cannot act on rather than passing it along.
      expect(res.status).toBe(400);
      expect((res.body.error as { issues: { path: string }[] }).issues[0]?.path).toBe(`needs.${strayNeed}`);
      return;
    }
    expect(res.status).toBe(200);
    expect({ route: res.body.route, reasons: res.body.reasons, expansionAcv: res.body.expansionAcv }).toEqual(
      c.expected,
    );
  });
});
