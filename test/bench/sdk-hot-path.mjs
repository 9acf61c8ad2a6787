#!/usr/bin/env node
// The SDK's hot path: median time per `hr.meter().add` and `hr.track` call (budget ≤ 1 µs),
// side by side with peers measured on this machine (DESIGN.md). Printed, never asserted.
import { performance } from 'node:perf_hooks';
import { defineConfig } from '@headroom/core';
import { createHeadroom, createMemoryStorage } from '@headroom/sdk';
import acme from '../../packages/core/examples/acme.config.json' with { type: 'json' };

const SAMPLES = Number(process.env.SDK_BENCH_SAMPLES ?? 200);
const CALLS = 1000;
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
const hr = createHeadroom({
  endpoint: 'https://bench.invalid',
  token,
  config: defineConfig(acme),
  maxQueueBytes: 200_000,
  platform: {
    storage: createMemoryStorage(),
    fetch: async () => new Response('{"accepted":0,"duplicates":0,"rejected":0}', { status: 202 }),
    onHidden: undefined,
    onOnline: undefined,
    withLock: undefined,
    broadcast: undefined,
  },
});
await hr.ready();
const meter = hr.meter('api_calls');

async function median(fn) {
  const perCall = [];
  for (let s = 0; s < SAMPLES; s++) {
    const start = performance.now();
    for (let i = 0; i < CALLS; i++) fn(i);
    perCall.push(((performance.now() - start) * 1000) / CALLS);
    // Let the batched persistence and sends run between samples, as they would in a page.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  perCall.sort((a, b) => a - b);
  return perCall[Math.floor(perCall.length / 2)];
}

await median((i) => meter.add(i & 1)); // warm-up
const add = await median((i) => meter.add(i & 1));
const track = await median((i) => hr.track('workflow_run', { workflow: 'export', i }));
await hr.shutdown();

const peers = [
  ['GrowthBook isOn', 1.1],
  ['Statsig logEvent', 2.0],
  ['Schematic track', 8.4],
  ['Amplitude track', 11.9],
];
const rows = [
  { call: 'hr.meter().add', medianUs: add },
  { call: 'hr.track', medianUs: track },
].map((r) => ({
  call: r.call,
  'median µs': r.medianUs.toFixed(3),
  'budget 1 µs': r.medianUs <= 1 ? 'within' : 'OVER',
  ...Object.fromEntries(
    peers.map(([name, us]) => [`vs ${name} (${us} µs)`, `${(us / r.medianUs).toFixed(1)}× faster`]),
  ),
}));
console.log(`SDK hot path, median of ${SAMPLES} samples × ${CALLS} calls`);
console.table(rows);
