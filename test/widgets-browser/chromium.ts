import { build } from 'esbuild';

export { launchChromium } from '../support/launch-chromium.mjs';

/** Bundles the test page script from source (the `@headroom/source` condition). */
export async function bundlePage(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@headroom/source', 'browser', 'module'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    // The workspace packages' own preact, not the root's (a different major).
    nodePaths: [],
    absWorkingDir: new URL('../../packages/widgets/', import.meta.url).pathname,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}
