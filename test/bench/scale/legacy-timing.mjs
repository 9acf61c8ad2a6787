// Times the f8ffd56 reads (legacy-queries.mjs) on a loaded store: Postgres with a
// statement_timeout, PGlite in a child process killed at the timeout.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  legacyAccount,
  legacyExperiments,
  legacyFunnel,
  legacyPqls,
  legacyRouteSignals,
} from './legacy-queries.mjs';
import { percentile } from './measure-http.mjs';

/** The legacy reads, each as groups of statements timed one after another (median). */
export function legacyReads(config, largest, now, n) {
  const biggest = largest[0];
  const repeat = (k, group) => Array.from({ length: k }, () => group);
  return {
    experiments: repeat(3, legacyExperiments(config)),
    funnel: repeat(3, legacyFunnel(now)),
    pqls: repeat(3, legacyPqls(now)),
    account: repeat(5, legacyAccount(biggest.id, biggest.users[0], now)),
    'route signals': largest.slice(0, Math.min(n, 10)).map((a) => legacyRouteSignals(a.id, now)),
  };
}

const summary = (times, timedOut) =>
  timedOut && times.length === 0 ? { timedOut: true } : { ms: percentile(times, 50) };

/** Median ms of the groups on Postgres (stops after a group slower than 2 s), or timedOut. */
export async function timeLegacyPostgres(db, groups, timeoutS) {
  await db.unsafe(`SET statement_timeout = '${timeoutS}s'`);
  const times = [];
  try {
    for (const group of groups) {
      const started = performance.now();
      for (const s of group) await db.unsafe(s.sql, s.params);
      const ms = performance.now() - started;
      times.push(ms);
      if (ms > 2000) break;
    }
  } catch (error) {
    if (error?.code !== '57014') throw error;
    return summary(times, true);
  } finally {
    await db.unsafe('SET statement_timeout = 0');
  }
  return summary(times, false);
}

/** Same on a PGlite folder (closed by the edge first), in a child killed at the timeout. */
export function timeLegacyPglite(dir, groups, timeoutS) {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('./legacy-runner.mjs', import.meta.url)), JSON.stringify({ dir, groups })],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const times = [];
  return new Promise((resolve, reject) => {
    let timer;
    let timedOut = false;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutS * 1000);
    };
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const message = JSON.parse(line);
        if (message.ms !== undefined) times.push(message.ms);
        arm();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (timedOut || code === 0) resolve(summary(times, timedOut));
      else reject(new Error(`legacy runner exited ${code}`));
    });
  });
}
