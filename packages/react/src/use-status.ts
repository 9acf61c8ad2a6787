import type { HeadroomStatus } from '@headroom/sdk';
import { useAtom } from './use-atom.ts';
import { useHeadroom } from './use-headroom.ts';

/**
 * The SDK's lifecycle: `loading` (also on the server and before the client exists),
 * `ready`, `offline` or `shutdown`.
 */
export function useStatus(): HeadroomStatus {
  const client = useHeadroom();
  return useAtom<HeadroomStatus>(client?.status.$ ?? null, 'loading');
}
