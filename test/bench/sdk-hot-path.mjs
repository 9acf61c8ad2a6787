#!/usr/bin/env node
// The SDK's hot path beside its peers, all in one harness: the same process, the same
// happy-dom window installed as the global for every library (ours included), the same
// offline network stub, and both call styles (printed, never asserted; budget ≤ 1 µs):
//
// - contiguous: one loop that never yields: a warm-up, then CHUNKS × 1,000 calls timed per
//   chunk. Nothing the library deferred (timers, microtasks) runs meanwhile.
// - yielding: SAMPLES × 1,000 calls with the event loop free between samples (a macrotask),
//   so deferred persistence and batching run as they would in a page.
//
// Each (library, call, style) gets a fresh instance, warmed up on that instance. The figure
// is the median µs per call over the chunks or samples; ratios are Headroom ÷ peer in the
// same style (below 1: Headroom is faster).
import { performance } from 'node:perf_hooks';
import { setTimeout as macrotask } from 'node:timers/promises';
import { GlobalRegistrator } from '@happy-dom/global-registrator';

const CALLS = 1000;
const SAMPLES = Number(process.env.SDK_BENCH_SAMPLES ?? 200);
const WARMUP = 20;

// ---- one environment for everyone: a happy-dom window, no network ----
GlobalRegistrator.register({ url: 'https://app.example.com/' });
let requests = 0;
const answer = () => {
  requests++;
  return new Response('{"success":true,"accepted":0,"duplicates":0,"rejected":0}', {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
};
globalThis.fetch = async () => answer();
globalThis.navigator.sendBeacon = () => {
  requests++;
  return true;
};
// Peers may pick XMLHttpRequest over fetch: it answers like the stub, without a socket.
globalThis.XMLHttpRequest = class {
  readyState = 0;
  status = 0;
  responseText = '';
  withCredentials = false;
  open() {}
  setRequestHeader() {}
  send() {
    requests++;
    queueMicrotask(() => {
      this.readyState = 4;
      this.status = 200;
      this.responseText = '{"status":1}';
      this.onreadystatechange?.();
      this.onload?.();
    });
  }
  abort() {}
  addEventListener() {}
};
const silence = { log() {}, info() {}, warn() {}, error() {}, debug() {} };

// Imported after the window exists: some peers read it at import.
const { defineConfig } = await import('@headroom/core');
const { createHeadroom } = await import('@headroom/sdk');
const { default: acme } = await import('../../packages/core/examples/acme.config.json', {
  with: { type: 'json' },
});
const { GrowthBook } = await import('@growthbook/growthbook');
const { growthbookTrackingPlugin } = await import('@growthbook/growthbook/plugins');
const { StatsigClient, LogLevel } = await import('@statsig/js-client');
const amplitude = await import('@amplitude/analytics-browser');
const { PostHog } = await import('posthog-js');

// ---- subjects: each setup returns a fresh instance's call and how to close it ----
const claims = {
  sub: 'acct_b',
  uid: 'user_b',
  plan: 'free',
  acv: 0,
  segment: 'smb',
  seats: 3,
  activatedAt: '2025-01-01',
};
const token = `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;
const config = defineConfig(acme);
const props = (i) => ({ workflow: 'export', i });

const headroom = async (call) => {
  // The browser defaults (IndexedDB is missing in happy-dom, so the SDK's memory fallback)
  // and the global fetch stub, as every peer gets.
  const hr = createHeadroom({ endpoint: 'https://bench.invalid', token, config });
  await hr.ready();
  return { call: call(hr), close: () => hr.shutdown() };
};
const growthbook = async (call, tracking) => {
  const gb = new GrowthBook({
    clientKey: 'sdk-bench',
    attributes: { id: 'user_b', plan: 'free' },
    // `sso` is on for the plans that include it, as Headroom's config says.
    features: {
      sso: {
        defaultValue: false,
        rules: [{ condition: { plan: { $in: ['business', 'enterprise'] } }, force: true }],
      },
    },
    plugins: tracking ? [growthbookTrackingPlugin({ ingestorHost: 'https://gb.invalid' })] : [],
  });
  return { call: call(gb), close: () => gb.destroy() };
};
const statsig = async (call) => {
  const user = { userID: 'user_b', custom: { plan: 'free' } };
  const client = new StatsigClient('client-bench', user, {
    logLevel: LogLevel.None,
    networkConfig: { api: 'https://statsig.invalid/v1' },
  });
  // Bootstrapped values, so checkGate evaluates a real (failing) gate, not "no values".
  client.dataAdapter.setData(
    JSON.stringify({
      feature_gates: {
        sso: { name: 'sso', value: false, rule_id: 'default', id_type: 'userID', secondary_exposures: [] },
      },
      dynamic_configs: {},
      layer_configs: {},
      has_updates: true,
      hash_used: 'none',
      time: Date.now(),
      user,
    }),
  );
  client.initializeSync();
  return { call: call(client), close: () => client.shutdown() };
};
let amplitudes = 0;
const amp = async (call) => {
  const a = amplitude.createInstance();
  await a.init(`bench-key-${amplitudes++}`, 'user_b', {
    autocapture: false,
    logLevel: 0,
    serverUrl: 'https://amplitude.invalid/2/httpapi',
    transportProvider: {
      send: async () => {
        requests++;
        return { status: 'success', statusCode: 200, body: { eventsIngested: 0 } };
      },
    },
  }).promise;
  return { call: call(a), close: () => {} };
};
let posthogs = 0;
const posthog = async (call) => {
  // A named init returns the new instance.
  const ph = new PostHog().init(
    'phc_bench',
    {
      api_host: 'https://posthog.invalid',
      autocapture: false,
      capture_pageview: false,
      capture_pageleave: false,
      disable_session_recording: true,
      disable_surveys: true,
      advanced_disable_flags: true,
      persistence: 'memory',
      // happy-dom's user agent reads as a bot, whose events PostHog drops without work, and
      // past a burst of 100 its client-side rate limit drops them too: every call here records.
      opt_out_useragent_filter: true,
      rate_limiting: { events_per_second: 1e9, events_burst_limit: 1e9 },
    },
    `bench${posthogs++}`,
  );
  if (!ph.capture('bench_check')) throw new Error('PostHog does not capture here');
  return { call: call(ph), close: () => {} };
};

const subjects = [
  {
    name: 'Headroom hr.meter().add',
    ours: true,
    setup: () => headroom((hr) => () => hr.meter('api_calls').add(1)),
  },
  {
    name: 'Headroom hr.track',
    ours: true,
    setup: () => headroom((hr) => (i) => hr.track('workflow_run', props(i))),
  },
  {
    name: 'Headroom hr.gate().check() (recording)',
    ours: true,
    setup: () => headroom((hr) => () => hr.gate('sso').check()),
  },
  { name: 'GrowthBook isOn (no tracking)', setup: () => growthbook((gb) => () => gb.isOn('sso'), false) },
  {
    name: 'GrowthBook logEvent (tracking plugin)',
    setup: () => growthbook((gb) => (i) => gb.logEvent('workflow_run', props(i)), true),
  },
  {
    name: 'Statsig logEvent',
    setup: () => statsig((s) => (i) => s.logEvent('workflow_run', undefined, props(i))),
  },
  { name: 'Statsig checkGate', setup: () => statsig((s) => () => s.checkGate('sso')) },
  // PostHog and Amplitude cost tens to hundreds of µs per call here (Amplitude copies its whole
  // config per call, and its deferred pipeline runs for seconds per 1,000 events): fewer
  // samples keep the run short, and they go last so their backlogs run after everyone else.
  {
    name: 'PostHog capture',
    samples: 20,
    setup: () => posthog((ph) => (i) => ph.capture('workflow_run', props(i))),
  },
  {
    name: 'Amplitude track',
    samples: 20,
    setup: () => amp((a) => (i) => a.track('workflow_run', props(i))),
  },
];

// SDK_BENCH_ONLY=Headroom measures only the subjects whose name contains it.
const only = process.env.SDK_BENCH_ONLY;
const measured = subjects.filter((s) => !only || s.name.includes(only));

const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// µs per call of `calls` calls, timed.
const chunk = (call, from) => {
  const start = performance.now();
  for (let i = from; i < from + CALLS; i++) call(i);
  return ((performance.now() - start) * 1000) / CALLS;
};
const styles = {
  contiguous: async (call, samples) => {
    const perCall = [];
    for (let s = 0; s < WARMUP + samples; s++) perCall.push(chunk(call, s * CALLS));
    return median(perCall.slice(WARMUP));
  },
  yielding: async (call, samples) => {
    const perCall = [];
    for (let s = 0; s < WARMUP + samples; s++) {
      perCall.push(chunk(call, s * CALLS));
      await macrotask(0);
    }
    return median(perCall.slice(WARMUP));
  },
};

// Peers log through console on some failures; the bench prints only its tables.
const out = new console.Console(process.stdout);
const print = (...args) => out.log(...args);
const table = (rows) => out.table(rows);
Object.assign(console, silence);
const results = new Map();
for (const subject of measured) {
  const row = {};
  for (const [style, measure] of Object.entries(styles)) {
    process.stderr.write(`${subject.name} ${style} …`);
    const { call, close } = await subject.setup();
    row[style] = await measure(call, subject.samples ?? SAMPLES);
    process.stderr.write(` ${row[style].toFixed(3)} µs\n`);
    await close();
    await macrotask(10);
  }
  results.set(subject.name, row);
}

const us = (x) => x.toFixed(3);
print(
  `SDK hot path: one harness (happy-dom global window for every library, fetch/XHR/beacon ` +
    `stubbed), median µs per call over samples of ${CALLS} calls after ${WARMUP} warm-up samples`,
);
table(
  measured.map((s) => {
    const r = results.get(s.name);
    return {
      call: s.name,
      samples: s.samples ?? SAMPLES,
      'contiguous µs': us(r.contiguous),
      'yielding µs': us(r.yielding),
      ...(s.ours ? { 'budget 1 µs': r.contiguous <= 1 && r.yielding <= 1 ? 'within (both)' : 'OVER' } : {}),
    };
  }),
);

const pairs = [
  ['Headroom hr.meter().add', 'Statsig logEvent'],
  ['Headroom hr.meter().add', 'GrowthBook logEvent (tracking plugin)'],
  ['Headroom hr.track', 'Statsig logEvent'],
  ['Headroom hr.track', 'GrowthBook logEvent (tracking plugin)'],
  ['Headroom hr.track', 'Amplitude track'],
  ['Headroom hr.track', 'PostHog capture'],
  ['Headroom hr.gate().check() (recording)', 'GrowthBook isOn (no tracking)'],
  ['Headroom hr.gate().check() (recording)', 'Statsig checkGate'],
];
const ratio = (ours, peer) => {
  const x = ours / peer;
  return `${x.toFixed(2)}× (${x < 1 ? `${(1 / x).toFixed(1)}× faster` : 'SLOWER'})`;
};
print('Headroom ÷ peer, same style (below 1: Headroom faster)');
table(
  pairs
    .filter(([ours, peer]) => results.has(ours) && results.has(peer))
    .map(([ours, peer]) => ({
      headroom: ours.replace('Headroom ', ''),
      peer,
      contiguous: ratio(results.get(ours).contiguous, results.get(peer).contiguous),
      yielding: ratio(results.get(ours).yielding, results.get(peer).yielding),
    })),
);
print(`(${requests} stubbed requests answered; none left the process)`);
await GlobalRegistrator.unregister();
// Peers keep timers (flush intervals, session checks) that would hold the process open.
process.exit(process.exitCode ?? 0);
