// Query parameters are validated like bodies: a date outside a sane range is a 400 naming the
// parameter, never a 200 whose stream is cut off half-way (year -271821 did that to the export).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteStorage, type Storage } from '../src/index.ts';
import { admin, claimsFor, eventId, NOW, testApp, tokenFor } from './helpers.ts';

describe('admin query parameters', () => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await createPgliteStorage();
  }, 60_000);
  afterAll(() => storage?.close());

  it.each([
    '-271821-04-20T00:00:00.000Z',
    '+275760-09-13T00:00:00.000Z',
    '1969-12-31T23:59:59.000Z',
    new Date(NOW + 2 * 86_400_000).toISOString(),
    'yesterday',
  ])('GET /v1/admin/events?since=%s answers 400 with the parameter path', async (since) => {
    const app = testApp(storage);
    const token = await tokenFor(claimsFor('query_probe'));
    await app.post('/v1/events', {
      token,
      events: [{ id: eventId(), type: 'gate_hit', feature: 'x', ts: NOW }],
    });
    const res = await app.get(`/v1/admin/events?since=${encodeURIComponent(since)}&format=ndjson`, admin);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe('invalid_query');
    expect(body.error.issues.map((i) => i.path)).toEqual(['since']);
  });

  it('accepts dates from the epoch to a day ahead, and refuses an unknown format with its path', async () => {
    const app = testApp(storage);
    for (const since of ['1970-01-01T00:00:00Z', '2026-01-01', new Date(NOW + 3_600_000).toISOString()]) {
      const res = await app.get(`/v1/admin/events?since=${encodeURIComponent(since)}`, admin);
      expect(res.status).toBe(200);
      await res.text();
    }
    const csv = await app.get('/v1/admin/events?format=csv', admin);
    expect(csv.status).toBe(400);
    expect(((await csv.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe(
      'format',
    );
  });
});
