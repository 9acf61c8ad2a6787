// Benchmark: `headroom backtest` over a generated file of ~1,000,000 events.
// Prints wall time, events/s and peak RSS (bounded memory: per-account state only). Figures
// are printed, never asserted.
//   node --conditions=@headroom/source --import tsx packages/insights/bench/backtest-million.ts [accounts]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backtestCommand } from '../src/cli/backtest-command.ts';
import { sampleCommand } from '../src/cli/sample-command.ts';

const [mode = 'run', dirArg, accountsArg] = process.argv.slice(2);

if (mode === 'measure' && dirArg !== undefined) {
  // Child: only the backtest runs here, so maxRSS is the backtest's own peak.
  const started = performance.now();
  const report = await backtestCommand({
    config: join(dirArg, 'config.json'),
    events: join(dirArg, 'events.ndjson'),
    expansions: join(dirArg, 'expansions.csv'),
    json: false,
    out: () => {},
    err: process.stderr,
  });
  const seconds = (performance.now() - started) / 1000;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `backtest: ${report.events.toLocaleString('en-US')} events, ${report.accounts} accounts in ${seconds.toFixed(1)} s ` +
      `(${Math.round(report.events / seconds).toLocaleString('en-US')} events/s), peak RSS ${rssMb.toFixed(0)} MB`,
  );
} else {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-bench-'));
  try {
    const accounts = Number(accountsArg ?? dirArg ?? 2600); // ≈ 385 events per account-year
    const started = performance.now();
    const sample = await sampleCommand({
      accounts,
      out: dir,
      seed: 7,
      days: 365,
      log: (t) => process.stdout.write(t),
    });
    const mb = statSync(join(dir, 'events.ndjson')).size / 1_048_576;
    console.log(
      `sample: ${sample.records.toLocaleString('en-US')} records, ${mb.toFixed(0)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const self = fileURLToPath(import.meta.url);
    spawnSync(process.execPath, ['--conditions=@headroom/source', '--import', 'tsx', self, 'measure', dir], {
      stdio: 'inherit',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
