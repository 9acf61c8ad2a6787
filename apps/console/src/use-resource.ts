import { useCallback, useEffect, useState } from 'preact/hooks';
import { AdminApiError } from './admin-client.ts';

export type Resource<T> =
  | { status: 'loading'; reload: () => void }
  | { status: 'error'; error: AdminApiError; reload: () => void }
  | { status: 'ready'; data: T; reload: () => void };

/** Loads data once per `key` change; stale answers from an earlier key are dropped. */
export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> {
  const [state, setState] = useState<
    { status: 'loading' } | { status: 'error'; error: AdminApiError } | { status: 'ready'; data: T }
  >({ status: 'loading' });
  const [nonce, setNonce] = useState(0);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    load().then(
      (data) => live && setState({ status: 'ready', data }),
      (error: unknown) =>
        live &&
        setState({
          status: 'error',
          error: error instanceof AdminApiError ? error : new AdminApiError(0, 'error', String(error)),
        }),
    );
    return () => {
      live = false;
    };
  }, [key, nonce]);
  return { ...state, reload } as Resource<T>;
}
