/**
 * Assignment hash, version 1: FNV-1a (32-bit) over the UTF-16 code units of the input,
 * then the murmur3 `fmix32` finalizer for avalanche. Returns an unsigned 32-bit integer.
 * Every JavaScript runtime sees the same code units, so the result is identical in
 * browsers, Node, workers and the CLI; `test/vectors/assignment.json` pins it.
 */
export function hash32(input: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) h = Math.imul(h ^ input.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The hash mapped into the open interval (0, 1). */
export function hashUnit(input: string): number {
  return (hash32(input) + 0.5) / 2 ** 32;
}
