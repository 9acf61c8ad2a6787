// Running experiments are protected (#16): a publish or rollback that changes the treatments of
// an experiment version units were exposed to is refused with 409 unless acknowledged, and a
// new version (startNewVersion) keeps its results apart from the earlier one's. Run against
// every storage (PGlite in `edge`, Postgres in `edge-postgres`).
import { assignVariant, defineConfig, type HeadroomConfig, startNewVersion } from '@headroom/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/index.ts';
import { acmeInput, admin, claimsFor, eventId, NOW, type TestApp, testApp, tokenFor } from '../helpers.ts';

type Draft = {
  experiments: Record<
    string,
    { variants: Array<{ id: string; weight: number; copy: Record<string, string> }> }
  >;
};
type Rejection = { error: { code: string; message: string; issues: { path: string; message: string }[] } };
type Results = {
  experiments: {
    id: string;
    version: number;
    current: boolean;
    variants: { id: string; weight: number; exposures: number; conversions: number }[];
  }[];
};

const copyOf = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function experimentVersionsSuite(label: string, makeStorage: () => Promise<Storage>): void {
  describe(`experiment versions (${label})`, () => {
    let storage: Storage;
    let app: TestApp;
    beforeAll(async () => {
      storage = await makeStorage();
      app = testApp(storage);
      await app.ready;
    }, 120_000);
    afterAll(() => storage?.close());

    const live = async () => {
      const res = await app.get('/v1/admin/config', admin);
      return (await res.json()) as { current: { version: number; config: HeadroomConfig } };
    };
    const put = (body: object) => app.put('/v1/admin/config', body, admin);
    /** Each account sees the variant the config assigns it, under the experiment's version. */
    const expose = async (accounts: string[], config: HeadroomConfig) => {
      const experiment = { id: 'usage_copy', ...config.experiments.usage_copy! };
      for (const account of accounts) {
        const token = await tokenFor(claimsFor(account));
        const { variantId } = assignVariant(experiment, account);
        const version = experiment.version === undefined ? {} : { experimentVersion: experiment.version };
        const events = [
          { id: eventId(), ts: NOW, type: 'exposure', experimentId: 'usage_copy', variantId, ...version },
        ];
        const res = await app.post('/v1/events', { token, sentAt: NOW, events });
        expect(res.status).toBe(202);
      }
    };
    const results = async () => {
      const res = await app.get('/v1/admin/experiments', admin);
      expect(res.status).toBe(200);
      return ((await res.json()) as Results).experiments.filter((e) => e.id === 'usage_copy');
    };
    const exposures = (variants: { exposures: number }[]) =>
      variants.reduce((sum, v) => sum + v.exposures, 0);
    const withMomentumTitle = (config: unknown, title: string) => {
      const draft = copyOf(config) as Draft;
      draft.experiments.usage_copy!.variants.find((v) => v.id === 'momentum')!.copy.title = title;
      return draft;
    };

    it('refuses with 409 mixes_treatments a copy change to an exposed experiment; nothing is published', async () => {
      await expose(['acct_v1_a', 'acct_v1_b', 'acct_v1_c'], defineConfig(acmeInput));
      const before = await live();
      const res = await put({ config: withMomentumTitle(acmeInput, 'Room to grow'), note: 'new copy' });
      expect(res.status).toBe(409);
      const { error } = (await res.json()) as Rejection;
      expect(error.code).toBe('mixes_treatments');
      expect(error.issues).toEqual([
        {
          path: 'config.experiments.usage_copy.variants',
          message:
            'version 1 has 3 exposed units; variant momentum: copy changed: start a new version (startNewVersion) or send acknowledgeMixedTreatments: true',
        },
      ]);
      expect((await live()).current.version).toBe(before.current.version);
      // A weight change is a treatment change too.
      const weights = copyOf(acmeInput) as Draft;
      weights.experiments.usage_copy!.variants[0]!.weight = 80;
      expect((await put({ config: weights, note: 'more control' })).status).toBe(409);
    });

    it('publishes the change as a new version, whose results are listed apart from the first', async () => {
      const next = startNewVersion(withMomentumTitle(acmeInput, 'Room to grow'), 'usage_copy');
      const res = await put({ config: next, note: 'usage_copy v2: new momentum copy' });
      expect(res.status).toBe(201);
      const config = (await live()).current.config;
      expect(config.experiments.usage_copy).toMatchObject({ version: 2, salt: 'usage_copy#v2' });
      // Two of the first version's accounts and a new one see version 2.
      await expose(['acct_v1_a', 'acct_v1_b', 'acct_v2_d'], config);

      const [current, first, ...rest] = await results();
      expect(rest).toEqual([]);
      expect(current).toMatchObject({ version: 2, current: true });
      expect(exposures(current!.variants)).toBe(3);
      expect(first).toMatchObject({ version: 1, current: false });
      expect(exposures(first!.variants)).toBe(3);
      // An exposure counts only for the version it names: the variant version 1 gave a unit is
      // refused as a version-2 exposure when version 2 assigns it another.
      const v1 = { id: 'usage_copy', ...defineConfig(acmeInput).experiments.usage_copy! };
      const v2 = { id: 'usage_copy', ...config.experiments.usage_copy! };
      const moved = Array.from({ length: 50 }, (_, n) => `acct_v2_moved_${n}`).find(
        (unit) => assignVariant(v1, unit).variantId !== assignVariant(v2, unit).variantId,
      )!;
      const forged = {
        id: eventId(),
        ts: NOW,
        type: 'exposure',
        experimentId: 'usage_copy',
        variantId: assignVariant(v1, moved).variantId,
        experimentVersion: 2,
      };
      const refused = await app.post('/v1/events', {
        token: await tokenFor(claimsFor(moved)),
        sentAt: NOW,
        events: [forged],
      });
      expect(await refused.json()).toMatchObject({
        accepted: 0,
        rejections: [{ code: 'variant_not_assigned' }],
      });
      // The first version's weights come from the config history.
      expect(first!.variants.map((v) => [v.id, v.weight])).toEqual([
        ['control', 50],
        ['momentum', 50],
      ]);
    });

    it('publishes a treatment change when acknowledged, and protects rollbacks alike', async () => {
      const before = await live();
      const mixed = withMomentumTitle(before.current.config, 'Grow on');
      const res = await put({
        config: mixed,
        note: 'typo fix, same meaning',
        acknowledgeMixedTreatments: true,
      });
      expect(res.status).toBe(201);
      // Rolling back would change version 2's copy again under its exposed units.
      const rollback = (body: object) => app.post('/v1/admin/config/rollback', body, admin);
      const refused = await rollback({ version: before.current.version });
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as Rejection).error.issues[0]?.path).toBe(
        'config.experiments.usage_copy.variants',
      );
      expect(
        (await rollback({ version: before.current.version, acknowledgeMixedTreatments: true })).status,
      ).toBe(201);
    });
  });
}
