// `headroom-edge --help`, `--version` and a wrong flag, as a user types them.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const run = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@headroom/source', '--import', 'tsx', 'src/node/bin.ts', ...args],
      // No secret: flags are answered before the server needs one.
      { cwd: pkg, env: { ...process.env, HEADROOM_SECRET: '' } },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
    );
  });

describe('headroom-edge flags', () => {
  it('prints usage with --help and its version with --version, exit 0', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: headroom-edge --config FILE --port N/);
    expect(help.stdout).toContain('HEADROOM_SECRET');
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const printed = await run(['--version']);
    expect(printed.code).toBe(0);
    expect(printed.stdout.trim()).toBe(version);
  }, 30_000);

  it('answers an unknown flag with one line and exit 2', async () => {
    const result = await run(['--prot', '8787']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      "headroom-edge: unknown option '--prot' (headroom-edge --help lists the options)",
    );
  }, 30_000);
});
