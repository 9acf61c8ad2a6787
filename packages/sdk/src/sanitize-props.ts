import { isNum } from './is-valid.ts';

type Props = Record<string, string | number | boolean | null>;

// ES2024 (every browser since 2023); where it is missing the edge refuses such a string's
// event alone, and the rest of its batch is stored.
type MaybeWellFormed = { toWellFormed?: () => string };

/**
 * Keeps what a custom event's props may hold on the wire: up to 50 own keys of at most 64
 * characters with a string (cut at 1,000 UTF-16 units, never inside a surrogate pair), finite
 * number, boolean or null value.
 * Reads only own primitive values, so cyclic or exotic objects cannot hurt it.
 */
export function sanitizeProps(props: unknown): Props | undefined {
  if (typeof props !== 'object' || props === null) return undefined;
  const out: Props = {};
  let n = 0;
  for (const key of Object.keys(props)) {
    if (key.length > 64 || ++n > 50) continue;
    const v = (props as Record<string, unknown>)[key];
    if (v === null || typeof v === 'boolean' || isNum(v)) out[key] = v as Props[string];
    // A cut between the halves of a pair (an emoji at 1,000) would leave a lone surrogate,
    // which the store refuses: a high surrogate (0xD800–0xDBFF, >> 10 = 54) at 999 goes too.
    // A lone surrogate (toWellFormed()) or a NUL from the host becomes U+FFFD: the store
    // refuses both, and a refused event would be dropped.
    else if (typeof v === 'string') {
      const cut = v.slice(0, v.charCodeAt(999) >> 10 === 54 ? 999 : 1000);
      out[key] = ((cut as MaybeWellFormed).toWellFormed?.() ?? cut).replaceAll('\0', '\ufffd');
    }
  }
  return out;
}
