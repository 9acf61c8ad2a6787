/** @jsxRuntime classic */
/** @jsx h */
import type { MeterStateName } from '@headroom/core';
// biome-ignore lint/correctness/noUnusedImports: `h` is this file's JSX factory (classic runtime, see peers.ts)
import { h } from './peers.ts';

// A warning triangle while approaching, a "no entry" disc at or over the limit: the shape
// differs as well as the colour (and the state is spelled out), so colour is never the only cue.
const WARN = 'M8 1.5 15 14.5H1Zm-.75 5v4h1.5v-4Zm0 5.25v1.5h1.5v-1.5Z';
const STOP = 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1ZM4 7.25h8v1.5H4Z';

/** Decorative icon for a meter state (the state is also spelled out in text). */
export function StateIcon({ state }: { state: MeterStateName }) {
  if (state === 'ok') return null;
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <path fill="currentColor" fill-rule="evenodd" d={state === 'approaching' ? WARN : STOP} />
    </svg>
  );
}
