import type { Surface } from '@headroom/core';
import type { ActivePrompt } from '@headroom/sdk';
import { useMemo } from 'react';
import { useAtom } from './use-atom.ts';
import { useHeadroom } from './use-headroom.ts';

/**
 * The prompt the SDK picked for a surface now, or null; for a custom prompt UI. Report it
 * with `useHeadroom()?.prompts.shown(prompt.id)` once it is on screen.
 * @example const prompt = usePrompt('banner');
 */
export function usePrompt(surface: Surface): ActivePrompt | null {
  const client = useHeadroom();
  const store = useMemo(() => client?.prompts.current(surface) ?? null, [client, surface]);
  return useAtom(store, null);
}
