#!/usr/bin/env node
// POST /v1/route on the Node server vs a bare node:http server answering fixed JSON, both
// at 50 connections on loopback, one after the other in one run. Budget: ≥ 50 % of the bare
// server's requests/s and p99 ≤ 10 ms. Printed, never asserted.
import { signAccountToken } from '@headroom/edge/token';
import { load, startServer, table } from '../edge-bench/harness.mjs';

const SECRET = 'bench-secret';
const DURATION = Number(process.env.EDGE_BENCH_SECONDS ?? 6);

const claims = (i) => ({ sub: `bench_${i}`, uid: 'u', plan: 'team', acv: 1440, segment: 'smb', seats: 10 });
const hot = await signAccountToken(claims(0), SECRET, { expiresIn: '1h' });
const many = await Promise.all(
  Array.from({ length: 1000 }, (_, i) => signAccountToken(claims(i + 1), SECRET, { expiresIn: '1h' })),
);
const body = (token) => JSON.stringify({ token, plan: 'team', seats: 12, source: 'bench' });

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
const bare = await measure('bare node:http (fixed JSON)', 'bare', [{ headers: json, body: body(hot) }]);
const edgeHot = await measure('edge /v1/route, one account', 'edge', [{ headers: json, body: body(hot) }]);
let i = 0;
const edgeMany = await measure('edge /v1/route, 1,000 accounts', 'edge', [
  {
    headers: json,
    setupRequest: (req) => ({ ...req, body: body(many[i++ % many.length]) }),
  },
]);
const rows = [bare, edgeHot, edgeMany].map((r) => ({
  ...r,
  ofBare: `${Math.round((r.reqPerSec / bare.reqPerSec) * 100)} %`,
}));
console.log(`\nPOST /v1/route, 50 connections, ${DURATION} s each (budget: ≥ 50 % of bare, p99 ≤ 10 ms)`);
table(rows);
