import { useEffect } from './peers.ts';

/** Calls `onShown` once per `key` as soon as the page is visible (at once when it already is). */
export function useShown(onShown: () => void, key: string) {
  // Keyed by prompt id / context, not by the `onShown` closure, which is new every render.
  useEffect(() => {
    const check = () => {
      if (document.visibilityState === 'hidden') return;
      document.removeEventListener('visibilitychange', check);
      onShown();
    };
    document.addEventListener('visibilitychange', check);
    check();
    return () => document.removeEventListener('visibilitychange', check);
  }, [key]);
}
