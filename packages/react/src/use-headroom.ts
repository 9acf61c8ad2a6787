import type { Headroom } from '@headroom/sdk';
import { useHeadroomContext } from './headroom-context.ts';

/**
 * The SDK instance for reporting usage, gate hits, invites and upgrades; null on the server
 * and until `createClient` has run.
 * @example const hr = useHeadroom(); hr?.meter('api_calls').add(1);
 */
export function useHeadroom(): Headroom | null {
  return useHeadroomContext().client;
}
