#!/usr/bin/env node
// POST /v1/route on the Node server vs a bare node:http server answering fixed JSON, both
// at 50 connections on loopback, one after the other in one run. Budget: ≥ 50 % of the bare
// server's requests/s and p99 ≤ 10 ms. Printed, never asserted.
// A shared 2-core machine drifts by ±15 % between runs, so bare and edge are measured in
// alternation for EDGE_BENCH_ROUNDS rounds (default 3); each row shows its median round and
// the ratio is the median of the per-round ratios (each edge run against the bare run next to it).
import { signAccountToken } from '@headroom/edge/token';
import { load, startServer, table } from '../edge-bench/harness.mjs';

const SECRET = 'bench-secret-0123456789abcdef0123456789';
const DURATION = Number(process.env.EDGE_BENCH_SECONDS ?? 6);
const ROUNDS = Number(process.env.EDGE_BENCH_ROUNDS ?? 3);

const claims = (i) => ({ sub: `bench_${i}`, uid: 'u', plan: 'team', acv: 1440, segment: 'smb', seats: 10 });
const hot = await signAccountToken(claims(0), SECRET, { expiresIn: '1h' });
const many = await Promise.all(
  Array.from({ length: 1000 }, (_, i) => signAccountToken(claims(i + 1), SECRET, { expiresIn: '1h' })),
);
// The source must be a prompt of the config (the edge refuses anything else).
const body = (token) => JSON.stringify({ token, plan: 'team', seats: 12, source: 'usage_upgrade' });

async function measure(label, mode, requests) {
  const server = await startServer(mode, { BENCH_SECRET: SECRET });
  try {
    await load({ url: `${server.url}/v1/route`, method: 'POST', duration: 2, requests }); // warm-up
    const r = await load({ url: `${server.url}/v1/route`, method: 'POST', duration: DURATION, requests });
    return {
      label,
      reqPerSec: Math.round(r.requests.average),
      p50ms: r.latency.p50,
      p99ms: r.latency.p99,
      non2xx: r.non2xx,
      errors: r.errors,
    };
  } finally {
    await server.stop();
  }
}

const json = { 'content-type': 'application/json' };
// Each edge row is compared with the bare server under the same load: autocannon building a
// different body per request (1,000 accounts) is itself slower, so it lowers both.
const manyBodies = () => {
  let i = 0;
  return [{ headers: json, setupRequest: (req) => ({ ...req, body: body(many[i++ % many.length]) }) }];
};
const cases = [
  {
    label: 'bare node:http (fixed JSON), one body',
    mode: 'bare',
    requests: () => [{ headers: json, body: body(hot) }],
  },
  {
    label: 'edge /v1/route, one account',
    mode: 'edge',
    requests: () => [{ headers: json, body: body(hot) }],
    base: 0,
  },
  { label: 'bare node:http (fixed JSON), 1,000 bodies', mode: 'bare', requests: manyBodies },
  { label: 'edge /v1/route, 1,000 accounts', mode: 'edge', requests: manyBodies, base: 2 },
];
const runs = cases.map(() => []);
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, c] of cases.entries()) runs[i].push(await measure(c.label, c.mode, c.requests()));
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = cases.map((c, i) => {
  const byRate = [...runs[i]].sort((a, b) => a.reqPerSec - b.reqPerSec);
  const mid = byRate[Math.floor(byRate.length / 2)];
  const ratios = c.base === undefined ? [1] : runs[i].map((r, k) => r.reqPerSec / runs[c.base][k].reqPerSec);
  return {
    ...mid,
    range: `${byRate[0].reqPerSec}–${byRate[byRate.length - 1].reqPerSec}`,
    ofBare: `${Math.round(median(ratios) * 100)} %`,
    ofBareRange:
      c.base === undefined
        ? ''
        : `${Math.round(Math.min(...ratios) * 100)}–${Math.round(Math.max(...ratios) * 100)} %`,
  };
});
console.log(
  `\nPOST /v1/route, 50 connections, ${DURATION} s × ${ROUNDS} rounds each (budget: ≥ 50 % of bare under the same load, p99 ≤ 10 ms)`,
);
table(rows);
