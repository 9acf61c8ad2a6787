import { expect, it } from 'vitest';

it('importing the SDK touches no browser global (SSR-safe)', async () => {
  expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
  const touched: string[] = [];
  const names = [
    'window',
    'document',
    'navigator',
    'localStorage',
    'indexedDB',
    'BroadcastChannel',
    'addEventListener',
  ];
  const saved = names.map((n) => Object.getOwnPropertyDescriptor(globalThis, n));
  for (const n of names)
    Object.defineProperty(globalThis, n, {
      configurable: true,
      get: () => {
        touched.push(n);
        return undefined;
      },
    });
  try {
    // A query string makes a fresh module instance, so the import really runs here.
    const sdk: typeof import('./index.ts') = await import(/* @vite-ignore */ `./index.ts?ssr=${Date.now()}`);
    expect(typeof sdk.createHeadroom).toBe('function');
  } finally {
    names.forEach((n, i) => {
      const d = saved[i];
      if (d) Object.defineProperty(globalThis, n, d);
      else delete (globalThis as Record<string, unknown>)[n];
    });
  }
  expect(touched).toEqual([]);
});
