// HTTP measurements of the scale benchmark against a running edge: sequential p50 / p95 of the
// admin reports, GET /v1/account and first routes, /v1/events ingest with autocannon, and
// ingest latency while the console's heaviest view is requested in a loop.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createEventId } from '@headroom/core';
import { signAccountToken } from '@headroom/edge/token';
import { load } from '../../edge-bench/harness.mjs';

const NEXT = { free: 'team', team: 'business', business: 'enterprise' };

export const percentile = (values, p) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** ms of one request, or Infinity when it ran past `timeoutMs` (the client gives up). */
async function timed(request, timeoutMs = 600_000) {
  const started = performance.now();
  try {
    const res = await request(AbortSignal.timeout(timeoutMs));
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (error) {
    if (error?.name === 'TimeoutError') return Number.POSITIVE_INFINITY;
    throw error;
  }
  return performance.now() - started;
}

/** Tokens whose claims match the loaded facts, so the edge sees no new facts. */
export const tokenFor = (account, secret) =>
  signAccountToken(
    {
      sub: account.id,
      uid: account.users[0],
      plan: account.plan,
      acv: account.facts.acv,
      segment: account.segment,
      seats: account.seats,
      activatedAt: account.facts.activatedAt,
      health: account.facts.health,
      churnRisk: account.facts.churnRisk,
      activeUsers: account.facts.activeUsers,
    },
    secret,
    { expiresIn: '1h' },
  );

/**
 * p50 / p95 (ms) of each read: `n` sequential requests after a warm-up, fewer when the series
 * passes `budgetMs` (at least 3), and it stops at the first request slower than `timeoutMs`
 * (then `onTimeout` runs, e.g. to cancel the query). The first POST /v1/route of each of the
 * `n` largest accounts is cold: no cached state on this instance. Experiments run last: a
 * timed-out one may leave the store busy.
 */
export async function measureReads({ url, adminToken, secret, largest, n, budgetMs, timeoutMs, onTimeout }) {
  const admin = { authorization: `Bearer ${adminToken}` };
  const out = {};
  const series = async (name, request) => {
    const started = performance.now();
    const times = [];
    const first = await timed(request, timeoutMs);
    // The warm-up counts only when it is all the budget allows.
    if (first > budgetMs / 3) times.push(first);
    while (times.length < n && Number.isFinite(times.at(-1) ?? 0)) {
      if (times.length >= 3 && performance.now() - started > budgetMs) break;
      times.push(await timed(request, timeoutMs));
    }
    const timedOut = !Number.isFinite(times.at(-1));
    if (timedOut) await onTimeout?.();
    const finite = times.filter(Number.isFinite);
    out[name] = { p50: percentile(finite, 50), p95: percentile(finite, 95), n: finite.length, timedOut };
  };
  // Routes first, while no account state is cached on this instance.
  const routeTimes = [];
  for (const account of largest.slice(0, n)) {
    const token = await tokenFor(account, secret);
    routeTimes.push(
      await timed((signal) =>
        fetch(`${url}/v1/route`, {
          method: 'POST',
          signal,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token, plan: NEXT[account.plan] ?? 'enterprise', seats: account.seats }),
        }),
      ),
    );
  }
  out['POST /v1/route (first, largest accounts)'] = {
    p50: percentile(routeTimes, 50),
    p95: percentile(routeTimes, 95),
    n: routeTimes.length,
    timedOut: false,
  };
  const biggest = largest[0];
  const token = await tokenFor(biggest, secret);
  await series('GET /v1/account (largest)', (signal) =>
    fetch(`${url}/v1/account`, { signal, headers: { authorization: `Bearer ${token}` } }),
  );
  for (const path of ['handoffs', 'pqls', 'funnel', 'expansion', 'experiments']) {
    await series(`GET /v1/admin/${path}`, (signal) =>
      fetch(`${url}/v1/admin/${path}`, { signal, headers: admin }),
    );
  }
  return out;
}

const BATCH = 100;
function ingestBatches(tokens) {
  let n = 0;
  const types = [
    (id, ts) => ({ id, ts, type: 'usage', meter: 'api_calls', value: 700 }),
    (id, ts) => ({ id, ts, type: 'gate_hit', feature: 'sso' }),
    (id, ts) => ({ id, ts, type: 'custom', name: 'workflow_run', props: { workflow: 'export' } }),
    (id, ts) => ({
      id,
      ts,
      type: 'prompt_shown',
      promptId: 'usage_upgrade',
      surface: 'banner',
      triggerId: 'usage_ceiling',
    }),
  ];
  return () => {
    const now = Date.now();
    const events = Array.from({ length: BATCH }, (_, i) => types[i % types.length](createEventId(now), now));
    return JSON.stringify({ token: tokens[n++ % tokens.length], sentAt: now, events });
  };
}

/**
 * POST /v1/events with 100-event batches for `seconds` on 10 connections; stored events are
 * the `accepted` counts the edge read back from its insert (RETURNING). With `alongside`,
 * that loop runs during the load (the console view) and its timings are returned too.
 */
export async function measureIngest({ url, secret, seconds, alongside, tag }) {
  const tokens = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      signAccountToken(
        { sub: `ingest_${tag}_${i}`, uid: 'u', plan: 'team', acv: 1440, segment: 'smb', seats: 10 },
        secret,
        { expiresIn: '1h' },
      ),
    ),
  );
  const body = ingestBatches(tokens);
  let accepted = 0;
  let stop = false;
  const side = [];
  const aborter = new AbortController();
  const sideLoop = alongside
    ? (async () => {
        while (!stop) {
          const t = await timed((signal) => alongside(AbortSignal.any([signal, aborter.signal]))).catch(
            () => -1,
          );
          if (t >= 0) side.push(t);
        }
      })()
    : undefined;
  const started = performance.now();
  const r = await load({
    url: `${url}/v1/events`,
    method: 'POST',
    connections: 10,
    duration: seconds,
    requests: [
      {
        headers: { 'content-type': 'text/plain' },
        setupRequest: (req) => ({ ...req, body: body() }),
        onResponse: (status, resBody) => {
          if (status === 202) accepted += JSON.parse(resBody).accepted ?? 0;
        },
      },
    ],
  });
  const elapsed = (performance.now() - started) / 1000;
  stop = true;
  // A view still loading is not waited for (its duration so far is not counted).
  aborter.abort();
  await sideLoop;
  return {
    storedPerSec: Math.round(accepted / elapsed),
    stored: accepted,
    answered: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    side: side.length ? { n: side.length, p50: percentile(side, 50), max: Math.max(...side) } : undefined,
  };
}

/** Starts scale-server.mjs over a loaded store; resolves with its URL and a stop function. */
export function startScaleServer(env) {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@headroom/source',
      '--import',
      'tsx',
      fileURLToPath(new URL('./scale-server.mjs', import.meta.url)),
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.once('exit', (code) => reject(new Error(`scale server exited (${code})`)));
    child.stdout.on('data', (chunk) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.startsWith('{"url"'));
      if (!line) return;
      child.removeAllListeners('exit');
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({
        url: JSON.parse(line).url,
        stop: () =>
          new Promise((r) => {
            child.once('exit', r);
            child.kill('SIGTERM');
            // A server busy with a long report cannot finish it: don't wait for it.
            setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
          }),
      });
    });
  });
}
