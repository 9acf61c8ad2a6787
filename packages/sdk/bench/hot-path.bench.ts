import { bench, describe } from 'vitest';
import { createHeadroom } from '../src/create-headroom.ts';
import { claims, config, ENDPOINT, testPlatform, tokenFor } from '../test/harness.ts';

// The host's hot path: no network and no storage write per call (both happen later, batched).
const { platform } = testPlatform({
  fetch: async () => new Response('{"accepted":0,"duplicates":0,"rejected":0}', { status: 202 }),
});
const hr = createHeadroom({
  endpoint: ENDPOINT,
  token: tokenFor(claims()),
  config,
  platform,
  maxQueueBytes: 200_000,
});
const meter = hr.meter('api_calls');

describe('sdk hot path (per call)', () => {
  bench('meter().add', () => {
    meter.add(1);
  });
  bench('track', () => {
    hr.track('workflow_run', { workflow: 'export' });
  });
});
