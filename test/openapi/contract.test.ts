// Contract test: real answers of every edge route, success and error, over HTTP on loopback
// from the real edge (PGlite), validated against the checked-in OpenAPI 3.1 document with
// ajv (JSON Schema 2020-12 + formats); the document itself against the OpenAPI 3.1 schema.
import { readFileSync } from 'node:fs';
import { assignVariant, defineConfig } from '@headroom/core';
import { signAccountToken } from '@headroom/server';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import acme from '../../packages/core/examples/acme.config.json' with { type: 'json' };
import { ADMIN, SECRET, SERVER_KEY, startRealEdge } from '../server/real-edge.ts';

type Json = Record<string, unknown>;
const documentText = readFileSync(new URL('../../packages/edge/openapi.json', import.meta.url), 'utf8');
const document = JSON.parse(documentText) as Json & { paths: Record<string, Record<string, Json>> };
const DOCUMENT_ID = 'https://headroom.invalid/openapi.json';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...document, $id: DOCUMENT_ID });

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
const covered = new Set<string>();

let edge: Awaited<ReturnType<typeof startRealEdge>>;

/** Sends a request and holds the answer to the document's response for its path and status. */
async function call(
  method: string,
  template: string,
  init: { path?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${edge.url}${init.path ?? template}`, {
    method: method.toUpperCase(),
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined
      ? {}
      : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
  const text = await response.text();
  const operation = document.paths[template]?.[method];
  expect(operation, `${method.toUpperCase()} ${template} is not in the document`).toBeDefined();
  const responses = (operation as { responses: Record<string, Json> }).responses;
  const documented = responses[String(response.status)];
  expect(
    documented,
    `${method.toUpperCase()} ${template} answered ${response.status}: ${text.slice(0, 300)}`,
  ).toBeDefined();
  covered.add(`${method} ${template} ${response.status}`);
  const content = (documented as { content?: Record<string, { schema: Json }> }).content;
  const type = response.headers.get('content-type')?.split(';')[0] ?? '';
  if (content === undefined) {
    expect(text).toBe('');
    return { status: response.status, body: undefined, headers: response.headers };
  }
  expect(Object.keys(content)).toContain(type);
  if (type !== 'application/json') return { status: response.status, body: text, headers: response.headers };
  const body = JSON.parse(text) as unknown;
  const ref = `${DOCUMENT_ID}#/${pointer('paths', template, method, 'responses', String(response.status), 'content', type, 'schema')}`;
  const validate = ajv.getSchema(ref);
  expect(validate, ref).toBeDefined();
  const valid = validate?.(body);
  expect(
    valid,
    `${method.toUpperCase()} ${template} ${response.status}: ${ajv.errorsText(validate?.errors)}\n${text.slice(0, 500)}`,
  ).toBe(true);
  return { status: response.status, body, headers: response.headers };
}

const admin = { authorization: `Bearer ${ADMIN}` };
const server = { authorization: `Bearer ${SERVER_KEY}` };
const token = (sub: string, over: Json = {}) =>
  signAccountToken(
    {
      sub,
      uid: 'user_1',
      plan: 'team',
      acv: 1440,
      segment: 'smb',
      seats: 10,
      activatedAt: '2026-01-01',
      ...over,
    },
    SECRET,
  );
const eventId = () => crypto.randomUUID();

beforeAll(async () => {
  edge = await startRealEdge();
});
afterAll(async () => {
  await edge?.close();
});

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document and is what GET /v1/openapi.json serves', async () => {
    const result = await new Validator().validate(document);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    const served = await call('get', '/v1/openapi.json');
    expect(served.body).toEqual(document);
  });

  it('holds answers to it: one that breaks the contract is refused', () => {
    const ref = `${DOCUMENT_ID}#/${pointer('paths', '/v1/route', 'post', 'responses', '200', 'content', 'application/json', 'schema')}`;
    const validate = ajv.getSchema(ref);
    expect(validate?.({ route: 'self_serve', reasons: [], expansionAcv: 10 })).toBe(true);
    expect(validate?.({ route: 'free_lunch', reasons: [], expansionAcv: 10 })).toBe(false);
    expect(validate?.({ route: 'self_serve', reasons: [], expansionAcv: 10, secret: 1 })).toBe(false);
  });
});

describe('every route answers as documented', () => {
  it('browser routes: config, events, route, account', async () => {
    const config = await call('get', '/v1/config');
    const etag = config.headers.get('etag') ?? '';
    expect((await call('get', '/v1/config', { headers: { 'if-none-match': etag } })).status).toBe(304);

    const good = await token('acct_contract_1');
    const now = Date.now();
    const events = [
      { id: eventId(), ts: now, type: 'usage', meter: 'docs', value: 900 },
      { id: eventId(), ts: now, type: 'gate_hit', feature: 'sso' },
      { id: eventId(), ts: now, type: 'upgrade_completed', plan: 'business', amount: 5 },
    ];
    const stored = await call('post', '/v1/events', { body: { token: good, events } });
    expect(stored.status).toBe(202);
    expect(stored.body).toMatchObject({ accepted: 2, rejected: 1 });
    expect((await call('post', '/v1/events', { body: { token: good, events: 'nope' } })).status).toBe(400);
    expect((await call('post', '/v1/events', { body: '{not json' })).status).toBe(400);
    expect((await call('post', '/v1/events', { body: { token: `${good}x`, events: [] } })).status).toBe(401);
    const oversize = { token: good, events: [{ pad: 'x'.repeat(70_000) }] };
    expect((await call('post', '/v1/events', { body: oversize })).status).toBe(413);

    const selfServe = await call('post', '/v1/route', { body: { token: good, plan: 'team', seats: 12 } });
    expect(selfServe.body).toMatchObject({ route: 'self_serve' });
    const enterprise = await token('acct_contract_2', { segment: 'enterprise' });
    const cs = await call('post', '/v1/route', {
      body: { token: enterprise, plan: 'business', seats: 50, needs: ['invoice'], source: 'seat_upgrade' },
    });
    expect(cs.body).toMatchObject({ route: 'cs_assist', handoff: {} });
    expect((await call('post', '/v1/route', { body: { token: good, plan: 'galactic' } })).status).toBe(400);
    expect((await call('post', '/v1/route', { body: { token: 'a.b.c', plan: 'team' } })).status).toBe(401);

    const account = await call('get', '/v1/account', { headers: { authorization: `Bearer ${good}` } });
    expect(account.body).toMatchObject({ accountId: 'acct_contract_1' });
    expect((await call('get', '/v1/account')).status).toBe(401);
  });

  it('server routes: events and accounts', async () => {
    const now = Date.now();
    const events = [
      {
        id: eventId(),
        ts: now,
        type: 'upgrade_completed',
        accountId: 'acct_contract_1',
        plan: 'business',
        amount: 12_600,
      },
      {
        id: eventId(),
        ts: now + 3_600_000,
        type: 'usage',
        accountId: 'acct_contract_1',
        meter: 'docs',
        value: 1,
      },
    ];
    const result = await call('post', '/v1/server/events', { body: { events }, headers: server });
    expect(result.body).toMatchObject({ accepted: 1, rejected: 1 });
    expect((await call('post', '/v1/server/events', { body: { events: 5 }, headers: server })).status).toBe(
      400,
    );
    expect((await call('post', '/v1/server/events', { body: { events: [] } })).status).toBe(401);

    const one = await call('post', '/v1/server/accounts', {
      body: { accountId: 'acct_contract_1', health: 90, traits: { nps: 9 } },
      headers: server,
    });
    expect(one.body).toMatchObject({ upserted: 1 });
    const batch = await call('post', '/v1/server/accounts', {
      body: { accounts: [{ accountId: 'acct_contract_3', plan: 'free', seats: 2 }] },
      headers: server,
    });
    expect(batch.status).toBe(200);
    const invalid = { accountId: 'acct_contract_1', plan: 'galactic', seats: -1 };
    expect((await call('post', '/v1/server/accounts', { body: invalid, headers: server })).status).toBe(400);
  });

  it('admin routes: reports, config publishing and rollback, export', async () => {
    for (const path of [
      '/v1/admin/experiments',
      '/v1/admin/funnel',
      '/v1/admin/holdouts',
      '/v1/admin/expansion',
      '/v1/admin/handoffs',
      '/v1/admin/pqls',
    ])
      expect((await call('get', path, { headers: admin })).status).toBe(200);
    expect(
      (await call('get', '/v1/admin/holdouts', { path: '/v1/admin/holdouts?outcomeDays=0', headers: admin }))
        .status,
    ).toBe(400);
    expect(
      (await call('get', '/v1/admin/funnel', { path: '/v1/admin/funnel?days=0', headers: admin })).status,
    ).toBe(400);
    expect(
      (await call('get', '/v1/admin/expansion', { path: '/v1/admin/expansion?assistDays=0', headers: admin }))
        .status,
    ).toBe(400);
    expect((await call('get', '/v1/admin/experiments')).status).toBe(401);

    const current = await call('get', '/v1/admin/config', { headers: admin });
    const etag = current.headers.get('etag') ?? '';
    const published = await call('put', '/v1/admin/config', {
      body: { config: acme, note: 'contract' },
      headers: { ...admin, 'if-match': etag },
    });
    expect(published.status).toBe(201);
    const stale = await call('put', '/v1/admin/config', {
      body: { config: acme },
      headers: { ...admin, 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    const latest = published.headers.get('etag') ?? '';
    const invalid = await call('put', '/v1/admin/config', {
      body: { config: { meters: 5 } },
      headers: { ...admin, 'if-match': latest },
    });
    expect(invalid.status).toBe(400);
    // New copy for a variant units were exposed to would mix two treatments: 409.
    const { variantId } = assignVariant(
      { id: 'usage_copy', ...defineConfig(acme).experiments.usage_copy! },
      'acct_contract_4',
    );
    const exposure = {
      id: eventId(),
      ts: Date.now(),
      type: 'exposure',
      experimentId: 'usage_copy',
      variantId,
    };
    const exposed = await call('post', '/v1/events', {
      body: { token: await token('acct_contract_4'), events: [exposure] },
    });
    expect(exposed.status).toBe(202);
    expect(exposed.body).toMatchObject({ accepted: 1 });
    const recopied = JSON.parse(JSON.stringify(acme)) as typeof acme;
    recopied.experiments.usage_copy.variants[0].copy.title = 'New words';
    const mixed = await call('put', '/v1/admin/config', {
      body: { config: recopied, note: 'new words' },
      headers: { ...admin, 'if-match': latest },
    });
    expect(mixed.status).toBe(409);
    expect(mixed.body).toMatchObject({ error: { code: 'mixes_treatments' } });

    const versions = '/v1/admin/config/versions/{version}';
    expect(
      (await call('get', versions, { path: '/v1/admin/config/versions/1', headers: admin })).status,
    ).toBe(200);
    expect(
      (await call('get', versions, { path: '/v1/admin/config/versions/abc', headers: admin })).status,
    ).toBe(400);
    expect(
      (await call('get', versions, { path: '/v1/admin/config/versions/999', headers: admin })).status,
    ).toBe(404);

    const rollback = await call('post', '/v1/admin/config/rollback', {
      body: { version: 1 },
      headers: { ...admin, 'if-match': latest },
    });
    expect(rollback.status).toBe(201);
    const missing = await call('post', '/v1/admin/config/rollback', {
      body: { version: 999 },
      headers: { ...admin, 'if-match': rollback.headers.get('etag') ?? '' },
    });
    expect(missing.status).toBe(404);

    const exported = await call('get', '/v1/admin/events', { headers: admin });
    expect(String(exported.body).trim().split('\n').length).toBeGreaterThan(0);
    const badSince = { path: '/v1/admin/events?since=yesterday-ish', headers: admin };
    expect((await call('get', '/v1/admin/events', badSince)).status).toBe(400);
  });

  it('health', async () => {
    expect((await call('get', '/healthz')).body).toEqual({ ok: true, storage: 'ok' });
  });

  it('covered every documented operation', () => {
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    const missing = operations.filter((op) => ![...covered].some((seen) => seen.startsWith(`${op} `)));
    expect(missing).toEqual([]);
  });
});
