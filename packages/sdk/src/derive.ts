import { atom, type ReadableAtom } from 'nanostores';

/** A store kept equal to `fn()` of its sources: eager, so it costs no lifecycle code. */
export function derive<T>(sources: ReadonlyArray<ReadableAtom<unknown>>, fn: () => T): ReadableAtom<T> {
  const $ = atom(fn());
  for (const source of sources) source.listen(() => $.set(fn()));
  return $;
}
