import type { Context } from 'hono';

/** `ctx.waitUntil` on runtimes that have one (Workers); elsewhere the promise just runs. */
export function waitUntilOf(c: Context): (p: Promise<unknown>) => void {
  return (p) => {
    const guarded = p.catch(() => {});
    try {
      c.executionCtx.waitUntil(guarded);
    } catch {
      // No execution context (Node, tests): the promise keeps running on its own.
    }
  };
}
