import { afterAll, beforeAll, expect, it } from 'vitest';
import { client, edgeServer, settle, testPlatform } from '../test/harness.ts';
import { createHeadroom } from './create-headroom.ts';
import type { Headroom } from './types.ts';

const { server } = edgeServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => server.close());

const cyclic: Record<string, unknown> = { a: 1 };
cyclic.self = cyclic;
const hostile = {
  get inviteId(): string {
    throw new Error('getter bomb');
  },
};
const garbage: unknown[] = [
  undefined,
  null,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -1,
  1e308,
  '',
  'x'.repeat(1_000_000),
  cyclic,
  hostile,
  [cyclic],
  Symbol('s'),
  () => 1,
  10n,
  Object.create(null),
];

// Calls a function with each garbage value in every argument position.
const hammer = (fn: (...args: unknown[]) => unknown) => {
  for (const a of garbage) {
    for (const b of garbage) {
      const out = fn(a, b);
      if (out instanceof Promise) out.catch(() => undefined);
    }
  }
};

it('never throws into the host, whatever it is called with', async () => {
  const { platform } = testPlatform();
  const hr = client({ platform, debug: true });
  await hr.ready();
  const calls: Array<(...args: unknown[]) => unknown> = [
    (a) => hr.meter(a as string),
    (a, b) => hr.meter(a as string).add(b as number),
    (a, b) => hr.meter(a as string).set(b as number),
    (b) => hr.meter('api_calls').add(b as number),
    (b) => hr.meter('seats').set(b as number),
    (a) => hr.gate(a as string).check(),
    (a) => hr.gate(a as string).hit(),
    (a) => hr.invites.sent(a as { inviteId: string }),
    (a) => hr.invites.accepted(a as { inviteId: string }),
    (a) => hr.invites.canNudge(a as string),
    (a) => hr.invites.nudgeShown(a as string),
    (a) => hr.invites.nudgeDismissed(a as string),
    (a, b) => hr.track(a as string, b as Record<string, string>),
    (b) => hr.track('ok', b as Record<string, string>),
    (a) => hr.prompts.current(a as 'banner'),
    (a) => hr.prompts.shown(a as string),
    (a) => hr.prompts.dismiss(a as string),
    (a) => hr.prompts.clicked(a as string),
    (a) => hr.experiment(a as string),
    (a) => hr.upgrade(a as { plan: string }),
    (a) => hr.consent(a as boolean),
    (a, b) => hr.diagnostics.report(a, b as string),
  ];
  for (const call of calls) expect(() => hammer(call)).not.toThrow();
  hr.consent(true);
  await settle();
  await expect(hr.flush()).resolves.toBeUndefined();
  const d = hr.diagnostics.$.get();
  expect(d.dropped).toBeGreaterThan(100);
  expect(hr.meter('api_calls').$.get().used).toBeGreaterThanOrEqual(0);
  // The garbage never reached the queue as invalid events: what was kept is well formed.
  await hr.shutdown();
  await expect(hr.shutdown()).resolves.toBeUndefined();
});

it('survives garbage options and a dead endpoint', async () => {
  const { platform } = testPlatform({
    fetch: async () => {
      throw new TypeError('dead');
    },
  });
  for (const options of garbage) {
    let hr: Headroom | undefined;
    expect(() => {
      hr = createHeadroom(options as never);
    }).not.toThrow();
    hr?.track('x');
    await hr?.shutdown();
  }
  const hr = createHeadroom({
    endpoint: 'https://dead.test',
    token: () => Promise.reject(new Error('no token')),
    platform,
  });
  hr.meter('seats').add(1);
  expect(hr.meter('seats').$.get().used).toBe(1);
  expect(hr.gate('sso').check()).toBe(true);
  await hr.ready();
  expect(hr.status.$.get()).toBe('offline');
  await expect(hr.upgrade({ plan: 'team' })).rejects.toThrow();
  await hr.shutdown();
});

it('reports a broken platform part instead of throwing or leaving an unhandled rejection', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  // Node's process: the SDK's own types leave Node out.
  type Listener = (reason: unknown) => void;
  const node = (
    globalThis as unknown as { process: Record<'on' | 'off', (event: string, fn: Listener) => void> }
  ).process;
  node.on('unhandledRejection', onUnhandled);
  try {
    const keys = [
      'fetch',
      'now',
      'setTimeout',
      'clearTimeout',
      'storage',
      'sendBeacon',
      'onHidden',
      'onOnline',
      'withLock',
      'broadcast',
      'random',
      'console',
    ];
    for (const key of keys)
      for (const broken of [null, 'x', {}]) {
        const { platform } = testPlatform();
        let hr: Headroom | undefined;
        expect(() => {
          hr = client({ platform: { ...platform, [key]: broken }, debug: true });
        }).not.toThrow();
        if (!hr) continue;
        expect(() => {
          hr?.track('x');
          hr?.meter('seats').add(1);
          hr?.gate('sso').check();
          // Dropped calls are explained through the (maybe broken) console.
          hr?.track(5 as never);
          hr?.meter('seats').add(Number.NaN);
        }).not.toThrow();
        expect(hr.diagnostics.$.get().dropped).toBeGreaterThan(0);
        // ready() settles within its 5 s bound even when timers are what is broken.
        await Promise.race([hr.ready(), settle(20)]);
        await Promise.race([hr.flush().catch(() => undefined), settle(20)]);
        await Promise.race([hr.shutdown(), settle(20)]);
      }
    await settle(5);
    expect(
      unhandled.map((e) => (e instanceof Error ? e.stack?.split('\n').slice(0, 4).join(' | ') : e)),
    ).toEqual([]);
  } finally {
    node.off('unhandledRejection', onUnhandled);
  }
});
