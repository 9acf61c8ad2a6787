// The publish step's previews against a seeded history whose right answers are known, run on
// every storage (PGlite in `edge`, Postgres in `edge-postgres`):
// - 10 Team accounts reached 90 % of their documents on 1 May and upgraded 20 days later;
// - 10 reached 82 % and never upgraded; 80 stayed at 10 %;
// - an account without claims keeps the data running to 15 October, so every fire is judged.
// Live usage_ceiling (0.8) fires on 20 of 100 eligible accounts in Q2 (20 %: above the band),
// precedes all 10 expansions and has 50 % false positives: do not automate. The draft (0.85)
// fires on 10 (10 %, within 5–15 %), precedes all 10 with no false positive: automate.
import { createEventId, DAY_MS, defineConfig } from '@headroom/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configBacktest } from '../../src/config-backtest.ts';
import type { AccountFact, Storage, StoredEvent } from '../../src/index.ts';
import { acmeConfig, acmeInput, admin, type TestApp, testApp } from '../helpers.ts';

const MAY_1 = Date.UTC(2026, 4, 1, 10);
const copyOf = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function stored(accountId: string, ts: number, payload: Record<string, unknown>): StoredEvent {
  const id = createEventId(ts);
  return {
    id,
    accountId,
    userId: null,
    type: payload.type as StoredEvent['type'],
    ts,
    receivedAt: ts,
    source: 'server',
    payload: { id, ts, ...payload } as StoredEvent['payload'],
  };
}

function facts(plan: string): Record<string, AccountFact> {
  const fact = (value: string | number): AccountFact => ({
    value,
    at: MAY_1 - 30 * DAY_MS,
    source: 'server',
  });
  return {
    plan: fact(plan),
    segment: fact('smb'),
    seats: fact(10),
    acv: fact(1440),
    activatedAt: fact('2025-06-01'),
    health: fact(90),
  };
}

/** Seeds the history; returns the ids of the three groups. */
async function seed(storage: Storage, prefix: string) {
  const upgraded = Array.from({ length: 10 }, (_, i) => `${prefix}_up_${i}`);
  const nearMiss = Array.from({ length: 10 }, (_, i) => `${prefix}_near_${i}`);
  const quiet = Array.from({ length: 80 }, (_, i) => `${prefix}_quiet_${i}`);
  const events: StoredEvent[] = [];
  const docs = (accountId: string, value: number) =>
    events.push(stored(accountId, MAY_1, { type: 'usage', meter: 'docs', value }));
  for (const a of upgraded) {
    docs(a, 900);
    events.push(
      stored(a, MAY_1 + 20 * DAY_MS, { type: 'upgrade_completed', plan: 'business', amount: 2760 }),
    );
    // The backend now reports the plan they bought: the backtest must start them on Team.
    await storage.upsertFacts(a, facts('business'), MAY_1);
  }
  for (const a of nearMiss) {
    docs(a, 820);
    await storage.upsertFacts(a, facts('team'), MAY_1);
  }
  for (const a of quiet) {
    docs(a, 100);
    await storage.upsertFacts(a, facts('team'), MAY_1);
  }
  events.push(stored(`${prefix}_clock`, Date.UTC(2026, 9, 15), { type: 'custom', name: 'heartbeat' }));
  for (let i = 0; i < events.length; i += 100) await storage.insertEvents(events.slice(i, i + 100));
  return { upgraded, nearMiss, quiet };
}

type Figures = {
  fireRate: { value: number; lower: number; upper: number; successes: number; trials: number };
  preceded: {
    value: number;
    lower: number;
    upper: number;
    medianLeadDays: number | null;
    successes: number;
    trials: number;
  };
  falsePositiveRate: {
    value: number;
    lower: number;
    upper: number;
    successes: number;
    trials: number;
  } | null;
  verdict: string;
  band: string;
};
type Line =
  | { type: 'start'; totalEvents: number }
  | { type: 'progress'; events: number; totalEvents: number }
  | {
      type: 'result';
      events: number;
      expansions: number;
      neverEligibleExpansions: number;
      settings: { lookbackDays: number; outcomeDays: number; quietDays: number };
      triggers: { id: string; live: Figures | null; draft: Figures | null }[];
    }
  | { type: 'error'; message: string };

async function readLines(res: Response): Promise<Line[]> {
  return (await res.text())
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);
}

export function configToolsSuite(label: string, makeStorage: () => Promise<Storage>): void {
  describe(`config impact and backtest (${label})`, () => {
    let storage: Storage;
    let app: TestApp;
    const draft = copyOf(acmeInput) as {
      triggers: { id: string; atLeast: number }[];
      routing: { assistAtAcv: number };
    };
    draft.triggers.find((t) => t.id === 'usage_ceiling')!.atLeast = 0.85;

    beforeAll(async () => {
      storage = await makeStorage();
      app = testApp(storage);
      await app.ready;
      await seed(storage, `tools_${Date.now().toString(36)}`);
    }, 120_000);
    afterAll(() => storage?.close());

    it('impact: who would stop seeing the usage prompt, and the PQL routes that go with them', async () => {
      const res = await app.post('/v1/admin/config/impact', { config: draft }, admin);
      expect(res.status).toBe(200);
      const impact = (await res.json()) as {
        accounts: number;
        truncated: boolean;
        eligible: { live: number; draft: number };
        prompts: { promptId: string; live: number; draft: number; newlySee: number; stopSeeing: number }[];
        triggers: { triggerId: string; live: number; draft: number; newlyFire: number; stopFiring: number }[];
        routes: {
          pqls: { live: number; draft: number };
          shifts: { from: string; to: string; accounts: number }[];
        };
      };
      expect(impact.accounts).toBe(100);
      expect(impact.truncated).toBe(false);
      expect(impact.eligible).toEqual({ live: 100, draft: 100 });
      // The 10 at 82 % see the usage prompt now (0.8) and would not with 0.85; the upgraded 10
      // are on Business (unlimited documents) and see nothing either way.
      expect(impact.prompts.find((p) => p.promptId === 'usage_upgrade')).toEqual({
        promptId: 'usage_upgrade',
        live: 10,
        draft: 0,
        newlySee: 0,
        stopSeeing: 10,
      });
      expect(impact.prompts.find((p) => p.promptId === 'seat_upgrade')).toMatchObject({ live: 0, draft: 0 });
      expect(impact.triggers.find((t) => t.triggerId === 'usage_ceiling')).toMatchObject({
        live: 10,
        draft: 0,
        stopFiring: 10,
      });
      // Team → Business for 10 seats is $2,760 of expansion: self-serve, and no longer a PQL.
      expect(impact.routes.pqls).toEqual({ live: 10, draft: 0 });
      expect(impact.routes.shifts).toEqual([{ from: 'self_serve', to: 'not_pql', accounts: 10 }]);
    });

    it('impact: a routing threshold change moves current PQLs to another route', async () => {
      const routing = copyOf(acmeInput) as typeof draft;
      routing.routing.assistAtAcv = 2000;
      const res = await app.post('/v1/admin/config/impact', { config: routing }, admin);
      const impact = (await res.json()) as { routes: { draft: Record<string, number>; shifts: unknown[] } };
      expect(impact.routes.draft).toEqual({ self_serve: 0, self_serve_with_assist: 10, cs_assist: 0 });
      expect(impact.routes.shifts).toEqual([
        { from: 'self_serve', to: 'self_serve_with_assist', accounts: 10 },
      ]);
    });

    it('impact refuses an invalid draft with every issue, and needs the admin token', async () => {
      const bad = copyOf(acmeInput) as Record<string, unknown>;
      bad.trigers = bad.triggers;
      delete bad.triggers;
      const res = await app.post('/v1/admin/config/impact', { config: bad }, admin);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { issues: { path: string; message: string }[] } };
      expect(body.error.issues).toContainEqual({
        path: 'config.trigers',
        message: 'unknown key "trigers"; did you mean "triggers"?',
      });
      expect((await app.post('/v1/admin/config/impact', { config: draft })).status).toBe(401);
    });

    it('backtest: the draft and the live figures with 95 % intervals and the playbook verdicts', async () => {
      const res = await app.post('/v1/admin/backtest', { config: draft }, admin);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/x-ndjson');
      const lines = await readLines(res);
      expect(lines[0]).toEqual({ type: 'start', totalEvents: 111 });
      const result = lines.at(-1);
      if (result?.type !== 'result') throw new Error(`no result: ${JSON.stringify(lines.at(-1))}`);
      expect(result.expansions).toBe(10);
      expect(result.neverEligibleExpansions).toBe(0);
      expect(result.settings).toMatchObject({ lookbackDays: 90, outcomeDays: 90, quietDays: 30 });
      const usage = result.triggers.find((t) => t.id === 'usage_ceiling')!;
      // Live: 20 of 100 eligible accounts in Q2, all 10 expansions preceded by 20 days, 10 of 20
      // fire episodes wasted. 10 of 20 is 50 %, but its interval (29.9–70.1 %) straddles the
      // 50 % bar: inconclusive, not "don't automate".
      expect(usage.live).toMatchObject({
        fireRate: { value: 0.2, successes: 20, trials: 100 },
        preceded: { value: 1, successes: 10, trials: 10, medianLeadDays: 20 },
        falsePositiveRate: { value: 0.5, successes: 10, trials: 20 },
        band: 'above',
        verdict: 'inconclusive',
      });
      // Wilson 95 % for 20 of 100: 13.3 %–28.9 %.
      expect(usage.live!.fireRate.lower).toBeCloseTo(0.1333, 3);
      expect(usage.live!.fireRate.upper).toBeCloseTo(0.2888, 3);
      expect(usage.draft).toMatchObject({
        fireRate: { value: 0.1, successes: 10, trials: 100 },
        preceded: { value: 1, successes: 10, medianLeadDays: 20 },
        falsePositiveRate: { value: 0, successes: 0, trials: 10 },
        band: 'within',
        verdict: 'automate',
      });
      // Wilson for 10 of 10 preceded: from 72.2 % up to 100 %.
      expect(usage.draft!.preceded.lower).toBeCloseTo(0.7225, 3);
      expect(usage.draft!.preceded.upper).toBe(1);
      // Triggers that never fired cannot be judged.
      const invites = result.triggers.find((t) => t.id === 'collaboration_surge')!;
      expect(invites.draft?.verdict).toBe('insufficient_data');
      expect(invites.draft?.fireRate.value).toBe(0);
    });

    it('backtest: quietDays comes from the body (0 to 3650), and a bad one is refused with its path', async () => {
      const lines = await readLines(
        await app.post('/v1/admin/backtest', { config: draft, quietDays: 0 }, admin),
      );
      const result = lines.at(-1);
      if (result?.type !== 'result') throw new Error('no result');
      expect(result.settings.quietDays).toBe(0);
      const res = await app.post('/v1/admin/backtest', { config: draft, quietDays: -1 }, admin);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { issues: { path: string }[] } };
      expect(body.error.issues.map((i) => i.path)).toEqual(['quietDays']);
    });

    it('backtest: a trigger only the draft has is listed without live figures', async () => {
      const added = copyOf(draft) as { triggers: Record<string, unknown>[] };
      added.triggers.push({
        id: 'docs_high',
        kind: 'meter_ratio',
        meters: ['docs'],
        atLeast: 0.88,
        prompt: 'usage_upgrade',
      });
      const lines = await readLines(await app.post('/v1/admin/backtest', { config: added }, admin));
      const result = lines.at(-1);
      if (result?.type !== 'result') throw new Error('no result');
      const row = result.triggers.find((t) => t.id === 'docs_high')!;
      expect(row.live).toBeNull();
      expect(row.draft).toMatchObject({ fireRate: { successes: 10 }, verdict: 'automate' });
    });

    it('backtest: reports progress as pages are read', async () => {
      const progress: number[] = [];
      const { totalEvents, result } = await configBacktest(storage, {
        live: acmeConfig,
        draft: defineConfig(draft),
        signal: new AbortController().signal,
        onProgress: (events) => progress.push(events),
        progressEvery: 50,
      });
      expect(totalEvents).toBe(111);
      expect((await result).events).toBe(111);
      expect(progress).toEqual([111]);
    });

    it('backtest: stops when the client cancels, freeing its slot', async () => {
      const run = await app.post('/v1/admin/backtest', { config: draft }, admin);
      const reader = run.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(JSON.parse(first.split('\n')[0]!)).toMatchObject({ type: 'start' });
      await reader.cancel();
      // A cancelled run frees its slot: two more runs are accepted and finish.
      const again = await Promise.all([
        app.post('/v1/admin/backtest', { config: draft }, admin),
        app.post('/v1/admin/backtest', { config: draft }, admin),
      ]);
      expect(again.map((r) => r.status)).toEqual([200, 200]);
      for (const r of again) expect((await readLines(r)).at(-1)?.type).toBe('result');
    });
  });
}
