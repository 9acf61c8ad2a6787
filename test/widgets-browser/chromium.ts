import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, headless; never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

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
