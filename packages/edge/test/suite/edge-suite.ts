// The handler suite, run against every storage: PGlite in the `edge` project, a real
// Postgres cluster in `edge-postgres`. Requests go through `app.fetch` (no port).
import { assignVariant } from '@headroom/core';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/index.ts';
import {
  accountId,
  acmeConfig,
  admin,
  claimsFor,
  clock,
  daysBefore,
  eventId,
  FIRING_ORDER,
  factsFiring,
  NOW,
  SECRET,
  server,
  type TestApp,
  testApp,
  tokenFor,
} from '../helpers.ts';

type Json = Record<string, unknown> & {
  error?: { code: string; message: string; issues?: { path: string }[] };
};
const json = async (res: Response) => (await res.json()) as Json;

/** A fresh account that the acme `usage_copy` experiment assigns to `variant`. */
export function accountAssigned(variant: string, experimentId = 'usage_copy'): string {
  const experiment = acmeConfig.experiments[experimentId];
  if (!experiment) throw new Error(`no experiment ${experimentId}`);
  for (;;) {
    const id = accountId('exp');
    if (assignVariant({ ...experiment, id: experimentId }, id).variantId === variant) return id;
  }
}

export function edgeSuite(label: string, makeStorage: () => Promise<Storage>): void {
  describe(`edge handlers (${label})`, () => {
    let storage: Storage;
    let app: TestApp;

    beforeAll(async () => {
      storage = await makeStorage();
      app = testApp(storage);
      await app.ready;
    }, 60_000);
    afterAll(async () => {
      await storage?.close();
    });

    const trigger = (triggerId: string, ts: number) => ({
      id: eventId(ts),
      type: 'trigger_fired',
      triggerId,
      ts,
    });

    describe('GET /v1/config', () => {
      it('serves the published config with an ETag and answers 304 when it matches', async () => {
        const res = await app.get('/v1/config');
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=600');
        const body = await json(res);
        expect(Object.keys(body.plans as object)).toEqual(
          expect.arrayContaining(['free', 'team', 'business']),
        );
        const etag = res.headers.get('etag');
        expect(etag).toMatch(/^"hr-config-\d+"$/);
        const again = await app.get('/v1/config', { 'if-none-match': etag ?? '' });
        expect(again.status).toBe(304);
      });
    });

    describe('POST /v1/events', () => {
      it('stores events once by id, takes identity from the token and counts duplicates', async () => {
        const acct = accountId();
        const token = await tokenFor(claimsFor(acct, { uid: 'u_real' }));
        const events = [
          {
            id: eventId(),
            type: 'gate_hit',
            feature: 'sso',
            ts: NOW,
            accountId: 'someone_else',
            userId: 'forged',
          },
          { id: eventId(), type: 'usage', meter: 'docs', value: 40, ts: NOW },
        ];
        const first = await app.post('/v1/events', { token, sentAt: NOW, events });
        expect(first.status).toBe(202);
        expect(await json(first)).toEqual({ accepted: 2, duplicates: 0, rejected: 0 });
        const repeat = await app.post('/v1/events', { token, sentAt: NOW, events });
        expect(await json(repeat)).toEqual({ accepted: 0, duplicates: 2, rejected: 0 });
        const history = await json(await app.get('/v1/account', { authorization: `Bearer ${token}` }));
        expect(history.gateHits).toEqual([{ day: '2026-11-23', feature: 'sso', count: 1, mine: 1 }]);
        const other = await tokenFor(claimsFor('someone_else'));
        const theirs = await json(await app.get('/v1/account', { authorization: `Bearer ${other}` }));
        expect(theirs.gateHits).toEqual([]);
      });

      it('rejects invalid events one by one, and browser-sent upgrade_completed always', async () => {
        const token = await tokenFor(claimsFor(accountId()));
        const res = await app.post('/v1/events', {
          token,
          events: [
            { id: eventId(), type: 'gate_hit', feature: 'sso', ts: NOW },
            { id: 'not-a-uuid', type: 'gate_hit', feature: 'sso', ts: NOW },
            { id: eventId(), type: 'upgrade_completed', plan: 'business', amount: 1, ts: NOW },
            42,
          ],
        });
        const body = await json(res);
        expect(body).toMatchObject({ accepted: 1, duplicates: 0, rejected: 3 });
        expect((body.rejections as { index: number; code: string }[]).map((r) => [r.index, r.code])).toEqual([
          [1, 'invalid_event'],
          [2, 'browser_conversion'],
          [3, 'invalid_event'],
        ]);
      });

      // Postgres refuses these in text and jsonb; before the check the whole batch got a 500.
      it('rejects an event holding a NUL or a lone surrogate alone and stores the rest of its batch', async () => {
        const acct = accountId();
        const token = await tokenFor(claimsFor(acct));
        const good = Array.from({ length: 3 }, (_, i) => ({
          id: eventId(),
          type: 'custom',
          name: 'good',
          props: { i },
          ts: NOW,
        }));
        const res = await app.post('/v1/events', {
          token,
          events: [
            { id: eventId(), type: 'custom', name: 'bad', props: { q: `${'x'.repeat(999)}\ud83d` }, ts: NOW },
            ...good.slice(0, 1),
            { id: eventId(), type: 'custom', name: 'bad', props: { q: 'a\u0000b' }, ts: NOW },
            { id: eventId(), type: 'custom', name: 'bad', props: { 'k\udc00': 1 }, ts: NOW },
            ...good.slice(1),
          ],
        });
        expect(res.status).toBe(202);
        const body = await json(res);
        expect(body).toMatchObject({ accepted: 3, duplicates: 0, rejected: 3 });
        expect((body.rejections as { index: number; code: string }[]).map((r) => [r.index, r.code])).toEqual([
          [0, 'unstorable_text'],
          [2, 'unstorable_text'],
          [3, 'unstorable_text'],
        ]);
        const served = await app.post(
          '/v1/server/events',
          {
            events: [
              { id: eventId(), type: 'usage', meter: 'docs', value: 1, ts: NOW, accountId: acct },
              { id: eventId(), type: 'usage', meter: 'docs', value: 2, ts: NOW, accountId: 'a\u0000' },
            ],
          },
          server,
        );
        expect(served.status).toBe(202);
        expect(await json(served)).toMatchObject({ accepted: 1, duplicates: 0, rejected: 1 });
      });

      it('accepts sendBeacon bodies (text/plain)', async () => {
        const token = await tokenFor(claimsFor(accountId()));
        const res = await app.post(
          '/v1/events',
          JSON.stringify({ token, events: [{ id: eventId(), type: 'custom', name: 'x', ts: NOW }] }),
          { 'content-type': 'text/plain;charset=UTF-8' },
        );
        expect(res.status).toBe(202);
        expect((await json(res)).accepted).toBe(1);
      });

      it('corrects event time by the client clock skew', async () => {
        const acct = accountId();
        const token = await tokenFor(claimsFor(acct));
        // The client clock runs two days behind: its "now" is the server's now.
        const skewed = daysBefore(2);
        await app.post('/v1/events', {
          token,
          sentAt: skewed,
          events: [{ id: eventId(skewed), type: 'gate_hit', feature: 'audit_log', ts: skewed }],
        });
        const history = await json(await app.get('/v1/account', { authorization: `Bearer ${token}` }));
        expect(history.gateHits).toEqual([{ day: '2026-11-23', feature: 'audit_log', count: 1, mine: 1 }]);
      });

      it('answers 400 for a bad envelope, more than 100 events or bad JSON, and 413 past 64 KB', async () => {
        const token = await tokenFor(claimsFor(accountId()));
        const noEvents = await app.post('/v1/events', { token });
        expect(noEvents.status).toBe(400);
        expect((await json(noEvents)).error?.issues?.[0]?.path).toBe('events');
        const many = Array.from({ length: 101 }, () => ({
          id: eventId(),
          type: 'custom',
          name: 'x',
          ts: NOW,
        }));
        expect((await app.post('/v1/events', { token, events: many })).status).toBe(400);
        const bad = await app.post('/v1/events', '{"token":');
        expect(bad.status).toBe(400);
        expect((await json(bad)).error?.code).toBe('invalid_json');
        const huge = await app.post('/v1/events', { token, events: [], pad: 'x'.repeat(70_000) });
        expect(huge.status).toBe(413);
        expect((await json(huge)).error?.code).toBe('too_large');
      });
    });

    describe('account tokens', () => {
      it('rejects expired, tampered, wrong-secret, alg none and claim-less tokens with 401', async () => {
        const claims = claimsFor(accountId());
        const expired = await tokenFor(claims, NOW - 3600_000, 60);
        const res = await app.post('/v1/route', { token: expired, plan: 'business' });
        expect(res.status).toBe(401);
        expect((await json(res)).error?.code).toBe('token_expired');

        const good = await tokenFor(claims);
        const [h, p, s] = good.split('.') as [string, string, string];
        const forgedPayload = Buffer.from(
          JSON.stringify({ ...claims, acv: 0, exp: NOW / 1000 + 900 }),
        ).toString('base64url');
        const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${forgedPayload}.`;
        const wrong = await new SignJWT({ ...claims })
          .setProtectedHeader({ alg: 'HS256' })
          .setExpirationTime(NOW / 1000 + 900)
          .sign(new TextEncoder().encode('not-the-secret'));
        const noExp = await new SignJWT({ ...claims })
          .setProtectedHeader({ alg: 'HS256' })
          .sign(new TextEncoder().encode(SECRET));
        const noPlan = await new SignJWT({ ...claims, plan: undefined })
          .setProtectedHeader({ alg: 'HS256' })
          .setExpirationTime(NOW / 1000 + 900)
          .sign(new TextEncoder().encode(SECRET));
        // The genuine token is verified (and cached) first: a forged payload carrying its
        // signature must still be refused.
        expect((await app.post('/v1/route', { token: good, plan: 'business' })).status).toBe(200);
        for (const token of [
          `${h}.${forgedPayload}.${s}`,
          `${h}.${p}.${s.slice(0, -2)}AA`,
          none,
          wrong,
          noExp,
          noPlan,
        ]) {
          const r = await app.post('/v1/route', { token, plan: 'business' });
          expect(r.status, token).toBe(401);
          expect((await json(r)).error?.code).toBe('invalid_token');
        }
      });

      it('tolerates 30 s of clock skew on exp', async () => {
        const token = await tokenFor(claimsFor(accountId()), NOW - 80_000, 60);
        expect((await app.post('/v1/route', { token, plan: 'business' })).status).toBe(200);
      });
    });

    describe('POST /v1/route', () => {
      it('a forged token claiming acv 0 for an enterprise account cannot get self_serve', async () => {
        const acct = accountId('ent');
        // Signed with the wrong secret: refused outright.
        const forged = await new SignJWT({ ...claimsFor(acct, { segment: 'smb', acv: 0 }) })
          .setProtectedHeader({ alg: 'HS256' })
          .setExpirationTime(NOW / 1000 + 900)
          .sign(new TextEncoder().encode('guessed-secret'));
        expect((await app.post('/v1/route', { token: forged, plan: 'team', seats: 11 })).status).toBe(401);
        // A genuine token with acv 0 still routes an enterprise account to CS, and body fields
        // claiming money or identity are ignored.
        const token = await tokenFor(claimsFor(acct, { segment: 'enterprise', acv: 0, plan: 'team' }));
        const res = await app.post('/v1/route', {
          token,
          plan: 'team',
          seats: 11,
          acv: 1e9,
          segment: 'smb',
          accountId: 'victim',
        });
        expect(res.status).toBe(200);
        const body = await json(res);
        expect(body.route).toBe('cs_assist');
        expect(body.reasons).toContain('enterprise_segment');
        expect(body.checkoutUrl).toBeUndefined();
        expect((body.handoff as { id: string }).id).toMatch(/^[0-9a-f-]{36}$/);
      });

      it('routes self-serve with a URL-encoded checkout link', async () => {
        const acct = 'acct with/odd&chars';
        const token = await tokenFor(claimsFor(acct));
        const body = await json(await app.post('/v1/route', { token, plan: 'team', seats: 12 }));
        expect(body).toMatchObject({
          route: 'self_serve',
          reasons: ['below_assist_threshold'],
          expansionAcv: 288,
        });
        expect(body.checkoutUrl).toBe(
          'https://billing.example.com/checkout?plan=team&seats=12&account=acct%20with%2Fodd%26chars',
        );
        expect(body.handoff).toBeUndefined();
      });

      it('gives self_serve_with_assist a checkout link and a booking link; one open handoff per account and plan', async () => {
        const acct = accountId();
        const token = await tokenFor(claimsFor(acct, { plan: 'team', acv: 1440, seats: 10 }));
        const assist = await json(await app.post('/v1/route', { token, plan: 'business', seats: 20 }));
        expect(assist.route).toBe('self_serve_with_assist');
        expect(assist.checkoutUrl).toContain('plan=business&seats=20');
        expect(assist.handoff).toMatchObject({ bookingUrl: 'https://cal.example.com/acme/expansion' });
        const cs1 = await json(await app.post('/v1/route', { token, plan: 'business', seats: 100 }));
        const cs2 = await json(await app.post('/v1/route', { token, plan: 'business', seats: 100 }));
        expect(cs1.route).toBe('cs_assist');
        // The conversation about Business is already open: every later click returns it.
        const id = (assist.handoff as { id: string }).id;
        expect((cs1.handoff as { id: string }).id).toBe(id);
        expect((cs2.handoff as { id: string }).id).toBe(id);
        const list = await json(await app.get('/v1/admin/handoffs', admin));
        const mine = (
          list.handoffs as { accountId: string; status: string; payload: Record<string, unknown> }[]
        ).filter((h) => h.accountId === acct);
        expect(mine).toHaveLength(1);
        expect(mine[0]?.status).toBe('pending');
        expect(mine[0]?.payload).toMatchObject({
          requestedPlan: 'business',
          requestedSeats: 20,
          kind: 'route',
        });
        // Another plan is another conversation.
        const ent = await json(await app.post('/v1/route', { token, plan: 'enterprise' }));
        expect((ent.handoff as { id: string }).id).not.toBe(id);
      });

      it('reads PQL age from the edge-evaluated state: stalled 30+ days raises self_serve to assist', async () => {
        const acct = accountId();
        const time = clock(daysBefore(31));
        const then = testApp(storage, { now: time.now });
        await then.post('/v1/events', {
          token: await tokenFor(claimsFor(acct), time.now()),
          events: factsFiring(1, time.now()),
        });
        // That instance evaluates the account right behind its answer; wait for it.
        await then.flush();
        const token = await tokenFor(claimsFor(acct));
        const body = await json(await app.post('/v1/route', { token, plan: 'team', seats: 12 }));
        expect(body).toMatchObject({
          route: 'self_serve_with_assist',
          reasons: ['below_assist_threshold', 'stalled_pql'],
        });
        // A browser's word that a trigger fired long ago counts for nothing.
        const other = accountId();
        const otherToken = await tokenFor(claimsFor(other));
        await app.post('/v1/events', {
          token: otherToken,
          events: [trigger('usage_ceiling', daysBefore(31))],
        });
        const plain = await json(await app.post('/v1/route', { token: otherToken, plan: 'team', seats: 12 }));
        expect(plain.route).toBe('self_serve');
      });

      it('a server-reported upgrade ends the PQL episode', async () => {
        const acct = accountId();
        const token = await tokenFor(claimsFor(acct));
        const time = clock(daysBefore(40));
        const then = testApp(storage, { now: time.now });
        await then.post('/v1/events', {
          token: await tokenFor(claimsFor(acct), time.now()),
          events: factsFiring(1, time.now()),
        });
        await then.flush();
        const done = await app.post(
          '/v1/server/events',
          {
            events: [
              {
                id: eventId(),
                type: 'upgrade_completed',
                plan: 'team',
                amount: 1440,
                ts: daysBefore(35),
                accountId: acct,
              },
            ],
          },
          server,
        );
        expect(await json(done)).toEqual({ accepted: 1, duplicates: 0, rejected: 0 });
        const body = await json(await app.post('/v1/route', { token, plan: 'team', seats: 12 }));
        // Still over 80 % of its documents, so a new episode began with the upgrade: not stalled.
        expect(body.route).toBe('self_serve');
        expect(body.reasons).not.toContain('stalled_pql');
      });

      it('answers 400 naming the field for an unknown plan or bad seats', async () => {
        const token = await tokenFor(claimsFor(accountId()));
        const plan = await json(await app.post('/v1/route', { token, plan: 'platinum' }));
        expect(plan.error?.issues?.[0]?.path).toBe('plan');
        const seats = await json(await app.post('/v1/route', { token, plan: 'team', seats: -1 }));
        expect(seats.error?.issues?.[0]?.path).toBe('seats');
      });
    });

    describe('GET /v1/account', () => {
      it('returns 90 days of account history with my share, PQL date, active triggers and usage', async () => {
        const acct = accountId();
        const me = await tokenFor(claimsFor(acct, { uid: 'me', usage: { seats: 8 } }));
        const them = await tokenFor(claimsFor(acct, { uid: 'them' }));
        await app.post('/v1/events', {
          token: me,
          events: [
            { id: eventId(), type: 'gate_hit', feature: 'sso', ts: NOW },
            { id: eventId(), type: 'invite_sent', inviteId: 'i1', ts: daysBefore(1) },
            trigger('seat_saturation', daysBefore(3)),
            { id: eventId(), type: 'gate_hit', feature: 'sso', ts: daysBefore(100) },
          ],
        });
        await app.post('/v1/events', {
          token: them,
          events: [
            { id: eventId(), type: 'gate_hit', feature: 'sso', ts: NOW },
            { id: eventId(), type: 'invite_sent', inviteId: 'i2', ts: daysBefore(1) },
            { id: eventId(), type: 'invite_accepted', inviteId: 'i1', ts: daysBefore(1) },
            { id: eventId(), type: 'usage', meter: 'docs', value: 850, ts: daysBefore(2) },
            { id: eventId(), type: 'usage', meter: 'docs', value: 900, ts: NOW - 1000 },
            { id: eventId(), type: 'usage', meter: 'docs', value: 880, ts: NOW },
          ],
        });
        const res = await app.get('/v1/account', { authorization: `Bearer ${me}` });
        expect(res.headers.get('cache-control')).toBe('private, max-age=60');
        expect(await json(res)).toEqual({
          accountId: acct,
          gateHits: [{ day: '2026-11-23', feature: 'sso', count: 2, mine: 1 }],
          invites: [{ day: '2026-11-22', sent: 2, accepted: 1, mine: 1 }],
          meterHistory: {
            docs: [
              { day: '2026-11-21', used: 850 },
              { day: '2026-11-23', used: 900 },
            ],
          },
          // Edge-evaluated from the documents used (88 %), not from the browser's trigger_fired.
          firstPqlAt: new Date(NOW).toISOString(),
          activeTriggers: ['usage_ceiling'],
          // The edge-only kinds (forecast, traits, event counts …): none configured here.
          edgeTriggers: [],
          forecasts: {},
          usage: { seats: 8, docs: 880 },
          eligibility: { eligible: true, reasons: [], unknown: ['health', 'active_users'] },
        });
        expect((await app.get('/v1/account')).status).toBe(401);
      });
    });

    describe('POST /v1/server/events', () => {
      it('needs the server key and an accountId on each event', async () => {
        const events = [{ id: eventId(), type: 'upgrade_completed', plan: 'team', amount: 10, ts: NOW }];
        expect((await app.post('/v1/server/events', { events })).status).toBe(401);
        expect(
          (await app.post('/v1/server/events', { events }, { authorization: 'Bearer nope' })).status,
        ).toBe(401);
        expect(await json(await app.post('/v1/server/events', { events }, server))).toMatchObject({
          accepted: 0,
          duplicates: 0,
          rejected: 1,
          rejections: [{ index: 0, code: 'invalid_event' }],
        });
      });
    });

    describe('proactive escalation', () => {
      it('creates one CS handoff when 4 distinct triggers are active and the next plan is worth it', async () => {
        const acct = accountId();
        const token = await tokenFor(claimsFor(acct, { plan: 'team', seats: 40, acv: 5760 }));
        const ids = FIRING_ORDER;
        await app.post('/v1/events', { token, events: factsFiring(3, daysBefore(2)) });
        const before = (await json(await app.get('/v1/admin/handoffs', admin))).handoffs as {
          accountId: string;
        }[];
        expect(before.filter((h) => h.accountId === acct)).toHaveLength(0);
        await app.post('/v1/events', { token, events: factsFiring(4, daysBefore(1)) });
        await app.post('/v1/events', { token, events: factsFiring(4, NOW) });
        const after = (await json(await app.get('/v1/admin/handoffs', admin))).handoffs as {
          accountId: string;
          payload: { kind: string; reasons: string[]; activeTriggers: string[]; expansionAcv: number };
        }[];
        const mine = after.filter((h) => h.accountId === acct);
        expect(mine).toHaveLength(1);
        expect(mine[0]?.payload).toMatchObject({
          kind: 'escalation',
          reasons: ['signal_escalation'],
          expansionAcv: 420 * 40 - 5760,
          activeTriggers: [...ids].sort(),
        });
      });

      it('does not escalate a small account', async () => {
        const acct = accountId();
        const token = await tokenFor(claimsFor(acct, { plan: 'free', seats: 3, acv: 0 }));
        await app.post('/v1/events', { token, events: factsFiring(4, daysBefore(1)) });
        const list = (await json(await app.get('/v1/admin/handoffs', admin))).handoffs as {
          accountId: string;
        }[];
        expect(list.filter((h) => h.accountId === acct)).toHaveLength(0);
      });
    });

    describe('admin API', () => {
      it('needs the admin token', async () => {
        expect((await app.get('/v1/admin/handoffs')).status).toBe(401);
        expect((await app.get('/v1/admin/handoffs', { authorization: 'Bearer wrong' })).status).toBe(401);
      });

      it('counts exposures (first exposure wins) and server-reported conversions in the window', async () => {
        const exposure = (variantId: string, ts: number) => ({
          id: eventId(ts),
          type: 'exposure',
          experimentId: 'usage_copy',
          variantId,
          ts,
        });
        const before = (await json(await app.get('/v1/admin/experiments', admin))).experiments as {
          id: string;
          variants: { id: string; exposures: number; conversions: number }[];
        }[];
        const count = (list: typeof before, v: string) => list[0]?.variants.find((x) => x.id === v);
        const a = accountAssigned('control');
        const b = accountAssigned('momentum');
        const c = accountAssigned('momentum');
        // Exposures are timed by when the edge received them: each is sent on its own day.
        const exposeOn = async (acct: string, variant: string, day: number) => {
          const time = clock(daysBefore(day));
          const res = await testApp(storage, { now: time.now }).post('/v1/events', {
            token: await tokenFor(claimsFor(acct), time.now()),
            events: [exposure(variant, time.now())],
          });
          expect((await json(res)).accepted).toBe(1);
        };
        await exposeOn(a, 'control', 10);
        await exposeOn(a, 'control', 5);
        await exposeOn(b, 'momentum', 50);
        await exposeOn(c, 'momentum', 3);
        const completed = (acct: string, ts: number) => ({
          id: eventId(ts),
          type: 'upgrade_completed',
          plan: 'business',
          amount: 5000,
          ts,
          accountId: acct,
        });
        // a converts inside 30 days, b outside its window; c only claims it from the browser.
        await app.post(
          '/v1/server/events',
          { events: [completed(a, daysBefore(2)), completed(b, daysBefore(1))] },
          server,
        );
        await app.post('/v1/events', {
          token: await tokenFor(claimsFor(c)),
          events: [{ id: eventId(), type: 'upgrade_completed', plan: 'business', amount: 1, ts: NOW }],
        });
        const after = (await json(await app.get('/v1/admin/experiments', admin)))
          .experiments as typeof before;
        expect(after[0]).toMatchObject({
          id: 'usage_copy',
          goal: 'upgrade_completed',
          unit: 'account',
          conversionWindowDays: 30,
        });
        expect((count(after, 'control')?.exposures ?? 0) - (count(before, 'control')?.exposures ?? 0)).toBe(
          1,
        );
        expect(
          (count(after, 'control')?.conversions ?? 0) - (count(before, 'control')?.conversions ?? 0),
        ).toBe(1);
        expect((count(after, 'momentum')?.exposures ?? 0) - (count(before, 'momentum')?.exposures ?? 0)).toBe(
          2,
        );
        expect(
          (count(after, 'momentum')?.conversions ?? 0) - (count(before, 'momentum')?.conversions ?? 0),
        ).toBe(0);
      });

      it("reports the funnel per account and in order, with routes from the edge's own decisions", async () => {
        const acct = accountId();
        const token = await tokenFor(claimsFor(acct));
        const prompt = (type: string) => ({
          id: eventId(),
          type,
          promptId: 'usage_upgrade',
          triggerId: 'usage_ceiling',
          ts: NOW,
        });
        // Real usage fires usage_ceiling at the edge; the browser reports what it showed.
        await app.post('/v1/events', {
          token,
          events: [...factsFiring(1), prompt('prompt_shown'), prompt('prompt_clicked')],
        });
        const routed = await json(await app.post('/v1/route', { token, plan: 'business', seats: 10 }));
        expect(routed.route).toBe('self_serve');
        await app.post(
          '/v1/server/events',
          {
            events: [
              {
                id: eventId(),
                type: 'upgrade_completed',
                plan: 'business',
                amount: 2760,
                ts: NOW + 60_000,
                accountId: acct,
              },
            ],
          },
          server,
        );
        const funnel = await json(await app.get('/v1/admin/funnel?days=30', admin));
        expect(funnel.since).toBe(new Date(daysBefore(30)).toISOString());
        const row = (funnel.byTrigger as { triggerId: string }[]).find(
          (r) => r.triggerId === 'usage_ceiling',
        );
        expect(row).toMatchObject({ triggerId: 'usage_ceiling' });
        const steps = row as unknown as Record<string, number>;
        for (const [step, next] of [
          ['fired', 'shown'],
          ['shown', 'clicked'],
          ['clicked', 'routed'],
          ['routed', 'completed'],
        ] as const) {
          expect(steps[next]).toBeLessThanOrEqual(steps[step] ?? 0);
        }
        expect(steps.completed).toBeGreaterThanOrEqual(1);
        expect((funnel.routes as Record<string, number>).self_serve).toBeGreaterThanOrEqual(1);
        expect(funnel.definitions).toMatchObject({ fired: expect.stringContaining('edge') });
        expect((await app.get('/v1/admin/funnel?days=abc', admin)).status).toBe(400);
      });

      it('lists PQL accounts with their signals and potential expansion ACV', async () => {
        const acct = accountId();
        const token = await tokenFor(claimsFor(acct, { plan: 'team', seats: 10, acv: 1440 }));
        await app.post('/v1/events', { token, events: factsFiring(2, daysBefore(2)) });
        const body = await json(await app.get('/v1/admin/pqls', admin));
        const row = (body.accounts as { accountId: string }[]).find((r) => r.accountId === acct);
        expect(row).toMatchObject({
          accountId: acct,
          plan: 'team',
          segment: 'smb',
          activeTriggers: ['seat_saturation', 'usage_ceiling'],
          signals: 2,
          potentialExpansionAcv: 4200 - 1440,
          firstPqlAt: new Date(NOW).toISOString(),
          reachesHuman: false,
          reasons: {
            usage_ceiling: 'docs at 90% of its limit (threshold 80%)',
            seat_saturation: 'seats at 90% of its limit (threshold 90%)',
          },
        });
      });

      it('publishes config versions, rejects invalid ones with every path, and rolls back', async () => {
        const start = await json(await app.get('/v1/admin/config', admin));
        const v0 = (start.current as { version: number }).version;
        const bad = await app.put('/v1/admin/config', { config: { meters: {}, plans: 3 } }, admin);
        expect(bad.status).toBe(400);
        const paths = ((await json(bad)).error?.issues ?? []).map((i) => i.path);
        expect(paths).toEqual(expect.arrayContaining(['config.plans', 'config.upgradePath']));
        const config = JSON.parse(
          JSON.stringify((start.current as { config: Record<string, unknown> }).config),
        );
        config.routing.assistAtAcv = 1000;
        const put = await app.put('/v1/admin/config', { config, note: 'lower assist' }, admin);
        expect(put.status).toBe(201);
        expect(await json(put)).toEqual({ version: v0 + 1 });
        const served = await app.get('/v1/config');
        expect(served.headers.get('etag')).toBe(`"hr-config-${v0 + 1}"`);
        expect(((await json(served)).routing as { assistAtAcv: number }).assistAtAcv).toBe(1000);
        const token = await tokenFor(claimsFor(accountId()));
        expect((await json(await app.post('/v1/route', { token, plan: 'team', seats: 20 }))).route).toBe(
          'self_serve_with_assist',
        );
        const back = await app.post('/v1/admin/config/rollback', { version: v0 }, admin);
        expect(await json(back)).toEqual({ version: v0 + 2 });
        const now = await json(await app.get('/v1/admin/config', admin));
        expect(
          (now.current as { config: { routing: { assistAtAcv: number } } }).config.routing.assistAtAcv,
        ).toBe(5000);
        expect((now.versions as { version: number; note?: string }[])[0]).toMatchObject({
          version: v0 + 2,
          note: `rollback to version ${v0}`,
        });
        expect((await app.post('/v1/admin/config/rollback', { version: 99_999 }, admin)).status).toBe(404);
        // Found by the fuzz test: past the integer column's range is a 400, not a database error.
        expect((await app.post('/v1/admin/config/rollback', { version: 2 ** 31 }, admin)).status).toBe(400);
      });

      it('exports stored events as NDJSON with account, user and source', async () => {
        const acct = accountId();
        const token = await tokenFor(claimsFor(acct, { uid: 'exporter' }));
        const id = eventId();
        await app.post('/v1/events', {
          token,
          events: [{ id, type: 'gate_hit', feature: 'export_probe', ts: NOW }],
        });
        const res = await app.get(
          `/v1/admin/events?since=${new Date(NOW - 1000).toISOString()}&format=ndjson`,
          admin,
        );
        expect(res.headers.get('content-type')).toContain('application/x-ndjson');
        const lines = (await res.text())
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Record<string, unknown>);
        expect(lines.find((e) => e.id === id)).toMatchObject({
          type: 'gate_hit',
          feature: 'export_probe',
          accountId: acct,
          userId: 'exporter',
          source: 'browser',
          ts: NOW,
        });
        expect((await app.get('/v1/admin/events?since=yesterday', admin)).status).toBe(400);
      });
    });

    it('GET /healthz checks the storage', async () => {
      expect(await json(await app.get('/healthz'))).toEqual({ ok: true, storage: 'ok' });
    });
  });
}
