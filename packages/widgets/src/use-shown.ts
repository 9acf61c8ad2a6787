import { useEffect } from 'preact/hooks';

/** Calls `onShown` once the page is visible (immediately when it already is). */
export function useShown(onShown: () => void, key: string) {
  // Once per key (prompt id / context), not once per render of a new `onShown` closure.
  useEffect(() => {
    if (typeof document === 'undefined' || document.visibilityState !== 'hidden') {
      onShown();
      return undefined;
    }
    const onChange = () => {
      if (document.visibilityState === 'hidden') return;
      document.removeEventListener('visibilitychange', onChange);
      onShown();
    };
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, [key]);
}
