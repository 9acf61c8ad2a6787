// A product engineer's first ten minutes, outside the monorepo: the packed tarballs installed
// with plain npm into an empty folder (peers such as the latest Preact come from the registry),
// then every `exports` entry and every README example type-checked under moduleResolution
// bundler and nodenext, every entry imported in Node, and every bin asked for its version.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import {
  binNames,
  entrySpecifiers,
  type PackageManifest,
  publishablePackages,
  workspaceRoot,
} from './publishable-packages.ts';
import { readmeExample } from './readme-example.ts';

const run = promisify(execFile);
const tarballs = inject('tarballs');
const packages = publishablePackages();
const specifiers = packages.flatMap((pkg) => entrySpecifiers(pkg.manifest));
const requireFromWorkspace = createRequire(join(workspaceRoot, 'test', 'package.json'));
const tsc = requireFromWorkspace.resolve('typescript/bin/tsc');
const domShim = requireFromWorkspace.resolve('@happy-dom/global-registrator');

let consumer = '';

function usesReact(manifest: PackageManifest): boolean {
  return 'react' in { ...manifest.peerDependencies, ...manifest.dependencies };
}
/** Types a consumer adds themselves: Node's, and React's when a package builds on React. */
const consumerTypes = [
  '@types/node@20',
  ...(packages.some((pkg) => usesReact(pkg.manifest)) ? ['@types/react'] : []),
];
// Optional peers an entry imports (msw for `@headroom/sdk/testing`): a consumer that uses the
// entry installs them, as its README says.
const optionalPeers = [
  ...new Set(
    packages.flatMap((pkg) =>
      Object.entries(pkg.manifest.peerDependenciesMeta ?? {})
        .filter(([name, meta]) => meta.optional && !['react', '@types/react', 'vue'].includes(name))
        .map(([name]) => `${name}@${pkg.manifest.peerDependencies?.[name] ?? 'latest'}`),
    ),
  ),
];
/** JSON entries (an OpenAPI document) need an import attribute in Node and under NodeNext. */
const isJson = (specifier: string) => specifier.endsWith('.json');

/** Runs a command in the consumer folder; resolves with its output even when it fails. */
async function inConsumer(
  command: string,
  args: string[],
): Promise<{ code: number; output: string; stdout: string }> {
  return run(command, args, { cwd: consumer, maxBuffer: 64 * 1024 * 1024 }).then(
    ({ stdout, stderr }) => ({ code: 0, output: `${stdout}${stderr}`, stdout }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof error.code === 'number' ? error.code : 1,
      output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      stdout: error.stdout ?? '',
    }),
  );
}

function writeUsageFiles(): void {
  mkdirSync(join(consumer, 'usage'));
  const imports = specifiers.map((specifier, index) =>
    isJson(specifier)
      ? `import entry${index} from '${specifier}' with { type: 'json' };`
      : `import * as entry${index} from '${specifier}';`,
  );
  const uses = specifiers.map((_, index) => `entry${index}`).join(', ');
  writeFileSync(
    join(consumer, 'usage', 'entries.ts'),
    `${imports.join('\n')}\nconsole.log([${uses}].length);\n`,
  );
  for (const pkg of packages) {
    const example = readmeExample(readFileSync(join(pkg.dir, 'README.md'), 'utf8'));
    const file = `readme-${pkg.manifest.name.replace(/^@/, '').replace('/', '-')}.${example?.language ?? 'ts'}`;
    // A React package's JSX goes through React's types; everything else through Preact's.
    const pragma =
      example?.language === 'tsx' && usesReact(pkg.manifest) ? '/** @jsxImportSource react */\n' : '';
    writeFileSync(join(consumer, 'usage', file), `${pragma}${example?.code ?? ''}\nexport {};\n`);
  }
  for (const resolution of ['bundler', 'nodenext'] as const) {
    const compilerOptions = {
      target: 'ES2022',
      module: resolution === 'bundler' ? 'ESNext' : 'NodeNext',
      moduleResolution: resolution === 'bundler' ? 'Bundler' : 'NodeNext',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      types: ['node'],
      strict: true,
      noEmit: true,
      // As Vite's and Next's templates do; broken imports inside the shipped .d.ts files are
      // attw's InternalResolutionError, and checking every dependency's types costs a minute.
      skipLibCheck: true,
      jsx: 'react-jsx',
      jsxImportSource: 'preact',
    };
    writeFileSync(
      join(consumer, `tsconfig.${resolution}.json`),
      JSON.stringify({ compilerOptions, include: ['usage'] }),
    );
  }
  // One process imports every entry; browser-only entries are retried under a DOM shim.
  writeFileSync(
    join(consumer, 'import-entries.mjs'),
    `const results = {};
for (const specifier of JSON.parse(process.argv[2])) {
  try {
    const module = await import(specifier, specifier.endsWith('.json') ? { with: { type: 'json' } } : undefined);
    results[specifier] = { ok: true, exports: Object.keys(module).length };
  } catch (error) {
    results[specifier] = { ok: false, error: String(error?.stack ?? error) };
  }
}
console.log(JSON.stringify(results));
`,
  );
  writeFileSync(
    join(consumer, 'dom-shim.mjs'),
    `import { GlobalRegistrator } from ${JSON.stringify(pathToFileURL(domShim).href)};\nGlobalRegistrator.register();\n`,
  );
}

beforeAll(async () => {
  consumer = mkdtempSync(join(tmpdir(), 'headroom-consumer-'));
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'headroom-consumer', private: true, type: 'module' }),
  );
  const install = await inConsumer('npm', [
    'install',
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    '--loglevel=error',
    ...packages.map((pkg) => tarballs[pkg.manifest.name] ?? `${pkg.manifest.name} was not packed`),
    ...consumerTypes,
    ...optionalPeers,
  ]);
  if (install.code !== 0) throw new Error(`npm install of the tarballs failed:\n${install.output}`);
  writeUsageFiles();
}, 300_000);

afterAll(() => {
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

it.concurrent.each(['bundler', 'nodenext'])(
  'type-checks an import of every entry and every README example under moduleResolution %s',
  async (resolution) => {
    const { code, output } = await inConsumer(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`]);
    expect(output).toBe('');
    expect(code).toBe(0);
  },
);

type ImportResults = Record<string, { ok: boolean; exports?: number; error?: string }>;

it('imports every entry in Node (browser-only entries under a DOM shim)', async () => {
  const plain = await inConsumer(process.execPath, ['import-entries.mjs', JSON.stringify(specifiers)]);
  const results = JSON.parse(plain.output) as ImportResults;
  const needDom = Object.keys(results).filter((specifier) =>
    /\b(HTMLElement|customElements|document|window|CSSStyleSheet) is not defined/.test(
      results[specifier]?.error ?? '',
    ),
  );
  if (needDom.length > 0) {
    const shimmed = await inConsumer(process.execPath, [
      '--import',
      './dom-shim.mjs',
      'import-entries.mjs',
      JSON.stringify(needDom),
    ]);
    Object.assign(results, JSON.parse(shimmed.output) as ImportResults);
  }
  const failed = Object.entries(results).filter(([, result]) => !result.ok);
  expect(failed).toEqual([]);
  expect(Object.keys(results).sort()).toEqual([...specifiers].sort());
});

const bins = packages.flatMap((pkg) =>
  binNames(pkg.manifest).map((bin) => [bin, pkg.manifest.version] as const),
);

it.concurrent.each(bins)('npx %s --version prints %s', async (bin, version) => {
  // stdout only: under `npm test`, npm warns on stderr about config that pnpm put in the env.
  const { code, stdout, output } = await inConsumer('npx', ['--no-install', bin, '--version']);
  expect(stdout.trim(), output).toBe(version);
  expect(code).toBe(0);
});
