import { defineConfig } from '@headroom/core';
import { expect, it } from 'vitest';
import acme from '../../core/examples/acme.config.json' with { type: 'json' };
import { claims, ENDPOINT, T0, tokenFor } from './harness.ts';

// The shipped artefact (minified, internal fields mangled), not src: `pnpm build` makes it.
// Typed from src and loaded by URL, so the typecheck (which runs before the build) needs no dist.
const distUrl = new URL('../dist/index.js', import.meta.url).href;
const { createHeadroom, createMemoryStorage } = (await import(distUrl)) as typeof import('../src/index.ts');

it('the built dist sends, refreshes a rejected token, drops garbage and beacons on hide', async () => {
  const requests: Array<{ url: string; body: string | undefined }> = [];
  let eventsAnswers = 0;
  const fetch = async (url: string, init?: RequestInit) => {
    requests.push({ url, body: init?.body as string | undefined });
    if (url.endsWith('/v1/account')) return Response.json({ gateHits: [], invites: [], usage: {} });
    // The first batch meets an expired token: the client must ask for a new one and resend.
    if (eventsAnswers++ === 0) return new Response(null, { status: 401 });
    return Response.json({ accepted: 2, rejected: 0 }, { status: 202 });
  };
  let tokens = 0;
  let hidden: (() => void) | undefined;
  const beacons: string[] = [];
  const hr = createHeadroom({
    endpoint: ENDPOINT,
    token: () => tokenFor(claims({ usage: { api_calls: 700 }, iat: ++tokens })),
    config: defineConfig(acme),
    platform: {
      fetch,
      now: () => T0,
      storage: createMemoryStorage(),
      onHidden: (fn) => {
        hidden = fn;
        return () => {};
      },
      sendBeacon: (_url, body) => beacons.push(body) > 0,
      withLock: undefined,
      broadcast: undefined,
      random: () => 0.5,
    },
  });
  await hr.ready();
  expect(hr.status.$.get()).toBe('ready');
  hr.meter('api_calls').add(1);
  hr.track('exported', { rows: 3 });
  hr.meter('').add(1);
  await hr.flush();

  expect(hr.meter('api_calls').$.get()).toMatchObject({ used: 701, limit: 1000 });
  const sent = requests.filter((r) => r.url === `${ENDPOINT}/v1/events`);
  expect(sent).toHaveLength(2);
  expect(tokens).toBe(2);
  const events = JSON.parse(sent[1]?.body ?? '{}').events as Array<{ type: string }>;
  expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['usage', 'custom']));
  expect(hr.diagnostics.$.get()).toMatchObject({ sent: events.length, dropped: 1, queued: 0 });

  hr.track('late');
  hidden?.();
  expect(beacons).toHaveLength(1);
  expect(JSON.parse(beacons[0] ?? '{}').events.at(-1)).toMatchObject({ type: 'custom', name: 'late' });
  await hr.shutdown();
  expect(hr.status.$.get()).toBe('shutdown');
});
