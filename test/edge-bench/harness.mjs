// Shared helpers for the edge benchmarks: start a server child, run autocannon, format rows.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const here = dirname(fileURLToPath(import.meta.url));

/** Starts `server.mjs <mode>` and resolves with its URL and a stop function. */
export function startServer(mode, env = {}) {
  const child = spawn(
    process.execPath,
    ['--conditions=@headroom/source', '--import', 'tsx', join(here, 'server.mjs'), mode],
    { cwd: join(here, '..'), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.once('exit', (code) => reject(new Error(`${mode} server exited (${code})`)));
    child.stdout.on('data', (chunk) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.startsWith('{"url"'));
      if (line) {
        child.removeAllListeners('exit');
        resolve({
          url: JSON.parse(line).url,
          stop: () =>
            new Promise((r) => {
              child.once('exit', r);
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}

/** Runs autocannon and resolves with its result. */
export function load(options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: 50, duration: 6, ...options }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

/** Prints rows as an aligned table. */
export function table(rows) {
  const keys = Object.keys(rows[0] ?? {});
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  console.log(line(keys));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(keys.map((k) => r[k])));
}
