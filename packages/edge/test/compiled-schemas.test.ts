// The hot routes' request schemas may run as zod-compiled parsers (the Node server's default).
// Whatever the compiler does, a caller sees the same answers: same statuses, same zod paths.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from 'zod/mini';
import { createPgliteStorage, type LogLine, type SchemaCompiler, type Storage } from '../src/index.ts';
import {
  accountId,
  claimsFor,
  eventId,
  NOW,
  SERVER_KEY,
  type TestApp,
  testApp,
  tokenFor,
} from './helpers.ts';

describe('compiled request schemas', () => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await createPgliteStorage('memory://');
  }, 60_000);
  afterAll(() => storage.close());

  const answer = async (res: Response) => ({ status: res.status, body: await res.json() });

  it('answer every valid and invalid body exactly as the runtime parser does', async () => {
    const runtime = testApp(storage);
    const compiled = testApp(storage, { compileSchema: compile });
    const token = await tokenFor(claimsFor(accountId()));
    const routeBodies: unknown[] = [
      { token, plan: 'team', seats: 12, source: 'usage_bar' },
      { token, plan: 'team', needs: ['sso', 'sso', 'audit_log'] },
      { token, plan: '' },
      { token, plan: 'team', seats: 1.5 },
      { token, plan: 'team', seats: 0, needs: 'sso' },
      { token, plan: 'x'.repeat(129), needs: Array.from({ length: 21 }, () => 'sso') },
      { plan: 'team' },
      [],
      'null',
      '{"token":',
    ];
    for (const body of routeBodies) {
      const [a, b] = await Promise.all([
        answer(await runtime.post('/v1/route', body)),
        answer(await compiled.post('/v1/route', body)),
      ]);
      expect(b, JSON.stringify(body)).toEqual(a);
    }

    // Event batches: each app gets its own ids, so both store every valid event once.
    const batch = () => ({
      token,
      sentAt: NOW,
      events: [
        { id: eventId(), type: 'usage', ts: NOW, meter: 'api_calls', value: 10, delta: 1 },
        { id: eventId(), type: 'gate_hit', ts: NOW, feature: 'sso' },
        { id: eventId(), type: 'usage', ts: NOW, meter: 'api_calls', value: -1 },
        { id: 'not-a-uuid', type: 'gate_hit', ts: NOW, feature: 'sso' },
        { id: eventId(), type: 'no_such_type', ts: NOW },
        { id: eventId(), type: 'custom', ts: NOW, name: 'exported', props: { rows: 12 } },
        'not an object',
      ],
    });
    const [a, b] = await Promise.all([
      answer(await runtime.post('/v1/events', batch())),
      answer(await compiled.post('/v1/events', batch())),
    ]);
    expect(a).toMatchObject({ status: 202, body: { accepted: 3, duplicates: 0, rejected: 4 } });
    expect((a.body as { rejections: { index: number }[] }).rejections.map((r) => r.index)).toEqual([
      2, 3, 4, 6,
    ]);
    expect(b).toEqual(a);
    for (const bad of [{ token, events: 'x' }, { token, sentAt: -1, events: [] }, { events: [] }]) {
      const [x, y] = await Promise.all([
        answer(await runtime.post('/v1/events', bad)),
        answer(await compiled.post('/v1/events', bad)),
      ]);
      expect(y, JSON.stringify(bad)).toEqual(x);
      expect(x.status).toBe(400);
    }

    const server = (app: TestApp) =>
      app.post(
        '/v1/server/events',
        {
          events: [
            {
              id: eventId(),
              type: 'upgrade_completed',
              ts: NOW,
              accountId: 'acct_srv',
              plan: 'business',
              amount: 7200,
            },
            { id: eventId(), type: 'upgrade_completed', ts: NOW, plan: 'business', amount: 7200 },
          ],
        },
        { authorization: `Bearer ${SERVER_KEY}` },
      );
    const [s1, s2] = [await answer(await server(runtime)), await answer(await server(compiled))];
    expect(s1).toMatchObject({ status: 202, body: { accepted: 1, duplicates: 0, rejected: 1 } });
    expect(s2).toEqual(s1);
  });

  it('agree with the runtime parser on 600 random route bodies and event batches', async () => {
    const runtime = testApp(storage);
    const compiled = testApp(storage, { compileSchema: compile });
    const token = await tokenFor(claimsFor(accountId()));
    const junk = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.boolean(),
      fc.double(),
      fc.integer({ min: -5, max: 10_000_001 }),
      fc.string({ maxLength: 140 }),
      fc.constantFrom('team', 'business', 'sso', '', '__proto__', 'constructor'),
      fc.array(fc.constantFrom('sso', 'audit_log', '', 7), { maxLength: 22 }),
      fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'a', 'plan'), fc.integer(), { maxKeys: 3 }),
    );
    // Mostly valid values, sometimes junk: both accepted and refused paths get exercised.
    const often = <T>(valid: fc.Arbitrary<T>) =>
      fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: junk, weight: 1 });
    const aName = fc.oneof(
      fc.constantFrom('sso', 'audit_log', 'api_calls', 'usage_bar'),
      fc.string({ minLength: 1, maxLength: 12 }),
    );
    const routeBody = fc.record(
      {
        token: often(fc.constant(token)),
        plan: often(fc.constantFrom('team', 'business', 'enterprise', 'free')),
        seats: often(fc.integer({ min: 1, max: 500 })),
        needs: often(fc.array(aName, { maxLength: 3 })),
        source: often(aName),
        extra: junk,
      },
      { requiredKeys: ['token', 'plan'] },
    );
    const event = fc.record(
      {
        id: often(fc.constant('fresh')),
        type: often(
          fc.constantFrom('usage', 'gate_hit', 'custom', 'invite_sent', 'prompt_shown', 'exposure'),
        ),
        ts: often(fc.integer({ min: 0, max: NOW })),
        meter: often(aName),
        value: often(fc.integer({ min: 0, max: 100_000 })),
        delta: often(fc.integer({ min: -5, max: 5 })),
        feature: often(aName),
        name: often(aName),
        props: often(
          fc.dictionary(
            fc.string({ maxLength: 8 }),
            fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null)),
            { maxKeys: 3 },
          ),
        ),
        inviteId: often(aName),
        channel: often(aName),
        promptId: often(aName),
        surface: often(fc.constantFrom('banner', 'modal')),
        experimentId: often(aName),
        variantId: often(aName),
        unitId: often(aName),
        accountId: junk,
      },
      { requiredKeys: ['id', 'type', 'ts'] },
    );
    // Both apps store into one database: each post gets its own ids ('fresh'), so a duplicate
    // in one cannot differ from the other.
    const batch = fc.record(
      { sentAt: often(fc.constant(NOW)), events: often(fc.array(often(event), { maxLength: 8 })) },
      { requiredKeys: ['events'] },
    );
    await fc.assert(
      fc.asyncProperty(routeBody, async (body) => {
        const [a, b] = [
          await answer(await runtime.post('/v1/route', body)),
          await answer(await compiled.post('/v1/route', body)),
        ];
        expect(b).toEqual(a);
      }),
      { numRuns: 300, seed: 7 },
    );
    await fc.assert(
      fc.asyncProperty(batch, async (body) => {
        const withIds = () => ({
          token,
          ...body,
          events: Array.isArray(body.events)
            ? body.events.map((e) =>
                e && typeof e === 'object' && 'id' in e && e.id === 'fresh' ? { ...e, id: eventId() } : e,
              )
            : body.events,
        });
        const [a, b] = [
          await answer(await runtime.post('/v1/events', withIds())),
          await answer(await compiled.post('/v1/events', withIds())),
        ];
        expect(b).toEqual(a);
      }),
      { numRuns: 300, seed: 11 },
    );
  }, 60_000);

  it('compiles each schema once, on first use', async () => {
    const compiledSchemas: unknown[] = [];
    const spy: SchemaCompiler = (schema) => {
      compiledSchemas.push(schema);
      return compile(schema);
    };
    const app = testApp(storage, { compileSchema: spy });
    const token = await tokenFor(claimsFor(accountId()));
    for (let i = 0; i < 3; i++)
      expect((await app.post('/v1/route', { token, plan: 'team' })).status).toBe(200);
    expect(compiledSchemas).toHaveLength(1);
  });

  it('falls back to the runtime parser, with a warning, when the compiler throws', async () => {
    const lines: LogLine[] = [];
    const app = testApp(storage, {
      compileSchema: () => {
        throw new Error('code generation from strings disallowed for this context');
      },
      log: (line) => lines.push(line),
    });
    const token = await tokenFor(claimsFor(accountId()));
    expect((await app.post('/v1/route', { token, plan: 'team', seats: 12 })).status).toBe(200);
    const bad = await answer(await app.post('/v1/route', { token, plan: 'team', seats: 1.5 }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual([expect.objectContaining({ path: 'seats' })]);
    expect(lines.filter((l) => l.level === 'warn' && /schema not compiled/.test(l.msg))).toHaveLength(1);
  });
});
