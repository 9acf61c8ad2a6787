import type { Browser } from 'playwright-core';

/** Flags that work headless as root on a machine without outside network. */
export declare const CHROMIUM_ARGS: readonly string[];
/** Debian's Chromium (or `CHROMIUM_PATH`), headless; never a downloaded browser. */
export declare function launchChromium(): Promise<Browser>;
