import type { TokenSource } from './types.ts';

/** The account token holder `createTokenSource` returns. */
export type Tokens = ReturnType<typeof createTokenSource>;

/**
 * Holds the current account token. A function source is asked again after a 401, at most
 * once per second, so a burst of failing requests triggers one refresh, not one per request.
 */
export function createTokenSource(
  source: TokenSource | undefined,
  now: () => number,
  onToken: (token: string) => void,
) {
  let token: string | undefined;
  const load = async (): Promise<string> => {
    const value = typeof source === 'function' ? await source() : source;
    if (typeof value !== 'string') throw new TypeError('not a string');
    token = value;
    onToken(value);
    return value;
  };
  let pending = load();
  let lastRefresh = -Infinity;
  // The latest load: it resolves the cached token, or is the refresh under way.
  const get = () => pending;
  return {
    /** Resolves once the first token is known (or could not be had). */
    first: pending,
    get,
    /** The cached token, synchronously (for `sendBeacon` while the page unloads). */
    peek: () => token,
    /** Sends with the current token and, after a 401, once more with a fresh one if there is one. */
    send: async (request: (token: string) => Promise<Response>): Promise<Response> => {
      const res = await request(await pending);
      if (res.status !== 401 || typeof source !== 'function' || now() - lastRefresh < 1000) return res;
      lastRefresh = now();
      token = undefined;
      pending = load();
      // No fresh token from the host: the 401 stands.
      const fresh = await pending.catch(() => undefined);
      return fresh === undefined ? res : request(fresh);
    },
  };
}
