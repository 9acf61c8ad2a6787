// Publishing the config from two consoles at once, run against every storage (PGlite in
// `edge`, Postgres in `edge-postgres`): If-Match turns a silently lost edit into 412, and 40
// concurrent publishes each get their own version without a 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/index.ts';
import { acmeInput, admin, type TestApp, testApp } from '../helpers.ts';

interface AdminConfig {
  current: { version: number; config: { fatigue: { maxPromptsPerWeek: number } } };
  versions: { version: number; note?: string }[];
}

export function configPublishSuite(label: string, makeStorage: () => Promise<Storage>): void {
  describe(`config publishing (${label})`, () => {
    let storage: Storage;
    let app: TestApp;
    beforeAll(async () => {
      storage = await makeStorage();
      app = testApp(storage);
      await app.ready;
    }, 120_000);
    afterAll(() => storage?.close());

    const load = async () => {
      const res = await app.get('/v1/admin/config', admin);
      expect(res.status).toBe(200);
      return { etag: res.headers.get('etag'), body: (await res.json()) as AdminConfig };
    };
    const edited = (maxPromptsPerWeek: number) => ({
      ...(acmeInput as object),
      fatigue: {
        maxModalsPerDay: 1,
        maxPromptsPerWeek,
        snoozeDays: 3,
        retireAfterDismissals: 3,
        retireDays: 30,
      },
    });
    const put = (body: unknown, ifMatch?: string, over: Partial<TestApp> = {}) =>
      (over.put ?? app.put)('/v1/admin/config', body, {
        ...admin,
        ...(ifMatch ? { 'if-match': ifMatch } : {}),
      });

    // Deep copies: edited() shares acmeInput's nested objects with every other test.
    const copyOf = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
    type Rejection = { error: { code: string; issues: { path: string; message: string }[] } };

    it('refuses an unknown nested key with 400 naming its path and the key meant; nothing is published', async () => {
      const { body: before } = await load();
      const config = copyOf(edited(4)) as { fatigue: Record<string, unknown> };
      config.fatigue.maxPromptPerWeek = 2;
      const res = await put({ config, note: 'typo' });
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as Rejection;
      expect(error.code).toBe('invalid_config');
      expect(error.issues).toEqual([
        {
          path: 'config.fatigue.maxPromptPerWeek',
          message: 'unknown key "maxPromptPerWeek"; did you mean "maxPromptsPerWeek"?',
        },
      ]);
      expect((await load()).body.current.version).toBe(before.current.version);
    });

    it('refuses "trigers" instead of publishing a config without triggers, with every other issue', async () => {
      const { body: before } = await load();
      const config = copyOf(edited(3)) as Record<string, unknown> & { routing: Record<string, unknown> };
      config.trigers = config.triggers;
      delete config.triggers;
      config.routing.csAtAcv = 'lots';
      const res = await put({ config });
      expect(res.status).toBe(400);
      expect(((await res.json()) as Rejection).error.issues).toEqual([
        { path: 'config.routing.csAtAcv', message: 'expected number' },
        { path: 'config.trigers', message: 'unknown key "trigers"; did you mean "triggers"?' },
      ]);
      expect((await load()).body.current.version).toBe(before.current.version);
    });

    it('publishes a valid but probably wrong config, answering with its warnings', async () => {
      const config = copyOf(edited(3)) as { triggers: { id: string; atLeast: number }[] };
      config.triggers = config.triggers.filter((t) => t.id !== 'feature_exploration');
      config.triggers[0]!.atLeast = 8;
      const res = await put({ config, note: 'warnings do not block' });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { version: number; warnings: unknown[] };
      expect(body.warnings).toEqual([
        {
          code: 'ratio_out_of_range',
          path: 'config.triggers.0.atLeast',
          message: 'a share of the limit is usually in (0, 1]: 8 fires at 800 % of the limit',
        },
        {
          code: 'unused_prompt',
          path: 'config.prompts.tier_upgrade',
          message: 'no trigger shows this prompt, so nobody will see it',
        },
      ]);
      expect((await load()).body.current.version).toBe(body.version);
      // A config with nothing to warn about answers as before: just the version.
      const clean = await put({ config: edited(3) });
      expect(await clean.json()).toEqual({ version: body.version + 1 });
    });

    it('GET /v1/admin/config/versions/N returns one stored version, so two can be compared', async () => {
      const { body } = await load();
      const version = body.current.version;
      const res = await app.get(`/v1/admin/config/versions/${version}`, admin);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(body.current);
      expect((await app.get('/v1/admin/config/versions/99999', admin)).status).toBe(404);
      for (const bad of ['0', 'abc', '1.5', String(2 ** 31)]) {
        expect((await app.get(`/v1/admin/config/versions/${bad}`, admin)).status).toBe(400);
      }
      expect((await app.get(`/v1/admin/config/versions/${version}`)).status).toBe(401);
    });

    it('records who published each version (the admin token label), when and why', async () => {
      const ana = 'ana-admin-token-0123456789abcdef0123';
      const labelled = testApp(storage, { adminTokens: { ana } });
      const res = await labelled.put(
        '/v1/admin/config',
        { config: edited(4), note: 'fewer prompts per week' },
        { authorization: `Bearer ${ana}` },
      );
      expect(res.status).toBe(201);
      const { version } = (await res.json()) as { version: number };
      // The lone HEADROOM_ADMIN_TOKEN still works beside the labelled ones, as `admin`.
      const rollback = await labelled.post('/v1/admin/config/rollback', { version: 1 }, admin);
      expect(rollback.status).toBe(201);
      const { body } = await load();
      const versions = body.versions as {
        version: number;
        note?: string;
        publishedBy?: string;
        publishedAt: string;
      }[];
      expect(versions.find((v) => v.version === version)).toMatchObject({
        note: 'fewer prompts per week',
        publishedBy: 'ana',
        publishedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
      expect(versions.find((v) => v.version === version + 1)).toMatchObject({
        note: 'rollback to version 1',
        publishedBy: 'admin',
      });
      // A token of no label is refused.
      const stranger = await labelled.put(
        '/v1/admin/config',
        { config: edited(4) },
        { authorization: 'Bearer not-a-token-of-anyone-0123456789' },
      );
      expect(stranger.status).toBe(401);
    });

    it('GET /v1/admin/config returns the current version as ETag', async () => {
      const { etag, body } = await load();
      expect(etag).toBe(`"hr-config-${body.current.version}"`);
    });

    it('two editors of one version: the second publish gets 412 naming the first, nothing is lost', async () => {
      const { etag, body } = await load();
      const first = await put({ config: edited(4), note: 'editor A' }, etag ?? '');
      expect(first.status).toBe(201);
      const published = ((await first.json()) as { version: number }).version;
      expect(published).toBe(body.current.version + 1);
      expect(first.headers.get('etag')).toBe(`"hr-config-${published}"`);
      const second = await put({ config: edited(5), note: 'editor B' }, etag ?? '');
      expect(second.status).toBe(412);
      expect(second.headers.get('etag')).toBe(`"hr-config-${published}"`);
      const error = (await second.json()) as { error: { code: string; message: string } };
      expect(error.error.code).toBe('precondition_failed');
      expect(error.error.message).toContain(`version ${published}`);
      const after = await load();
      expect(after.body.current.version).toBe(published);
      expect(after.body.current.config.fatigue.maxPromptsPerWeek).toBe(4);
      // B reloads and merges: its publish on top of A's goes through.
      const merged = await put({ config: edited(5), note: 'editor B, merged' }, after.etag ?? '');
      expect(merged.status).toBe(201);
    });

    it('refuses an If-Match that names no config version with 412, and a stale rollback too', async () => {
      expect((await put({ config: edited(3) }, '"something-else"')).status).toBe(412);
      const rollback = await app.post(
        '/v1/admin/config/rollback',
        { version: 1 },
        { ...admin, 'if-match': '"hr-config-1"' },
      );
      expect(rollback.status).toBe(412);
    });

    it('answers 428 without If-Match when requireIfMatch is set', async () => {
      const strict = testApp(storage, { requireIfMatch: true });
      const missing = await strict.put('/v1/admin/config', { config: edited(3) }, admin);
      expect(missing.status).toBe(428);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe(
        'precondition_required',
      );
      const { etag } = await load();
      const ok = await strict.put(
        '/v1/admin/config',
        { config: edited(3) },
        { ...admin, 'if-match': etag ?? '' },
      );
      expect(ok.status).toBe(201);
    });

    it.each([1, 2, 3])(
      '40 concurrent publishes (round %i): no 5xx, 40 new consecutive versions, none lost',
      async () => {
        const before = (await load()).body.current.version;
        const answers = await Promise.all(
          Array.from({ length: 40 }, (_, i) => put({ config: edited(3), note: `concurrent ${i}` })),
        );
        const statuses = answers.map((r) => r.status);
        expect(statuses.filter((s) => s >= 500)).toEqual([]);
        expect(statuses.every((s) => s === 201)).toBe(true);
        const versions = await Promise.all(
          answers.map(async (r) => ((await r.json()) as { version: number }).version),
        );
        expect([...versions].sort((a, b) => a - b)).toEqual(
          Array.from({ length: 40 }, (_, i) => before + 1 + i),
        );
        const { body } = await load();
        const notes = new Set(body.versions.filter((v) => v.version > before).map((v) => v.note));
        expect(notes.size).toBe(40);
      },
      60_000,
    );

    it('40 concurrent publishes of one stale version: exactly one wins, 39 get 412, no 5xx', async () => {
      const { etag } = await load();
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) => put({ config: edited(3), note: `race ${i}` }, etag ?? '')),
      );
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 412)).toHaveLength(39);
      await Promise.all(answers.map((r) => r.arrayBuffer()));
    }, 60_000);
  });
}
