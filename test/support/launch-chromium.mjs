// The one way our tests, benches and screenshot scripts start a browser: Debian's Chromium,
// headless, with the background networking that this closed network refuses turned off.
// Plain JS so `node` scripts can import it as well as TypeScript tests.
import { chromium } from 'playwright-core';

/** Flags that work headless as root on a machine without outside network. */
export const CHROMIUM_ARGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

/** Debian's Chromium (or `CHROMIUM_PATH`), headless; never a downloaded browser. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS],
  });
}
