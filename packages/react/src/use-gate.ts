import { useMemo } from 'react';
import { useAtom } from './use-atom.ts';
import { useHeadroom } from './use-headroom.ts';

/** A gated feature as a component sees it. */
export interface GateView {
  /** Whether the plan includes the feature; null until the SDK is there. */
  entitled: boolean | null;
  /** First plan on the upgrade path that unlocks it, or null. */
  unlockedBy: string | null;
  /** True when entitled; records a gate hit when not (false without an SDK). */
  check: () => boolean;
  /** Records a gate hit without asking, e.g. a click on a locked control. */
  hit: () => void;
}

/**
 * Whether the plan includes a feature, and which plan unlocks it.
 * @example const sso = useGate('sso'); if (sso.entitled === false) sso.hit();
 */
export function useGate(feature: string): GateView {
  const client = useHeadroom();
  const gate = useMemo(() => client?.gate(feature) ?? null, [client, feature]);
  const entitled = useAtom<boolean | null>(gate?.$ ?? null, null);
  const unlockedBy = useAtom(gate?.unlockedBy ?? null, null);
  return useMemo(
    () => ({
      entitled,
      unlockedBy,
      check: () => gate?.check() ?? false,
      hit: () => gate?.hit(),
    }),
    [gate, entitled, unlockedBy],
  );
}
