/** An id or name the wire format accepts: a non-empty string of at most 128 characters. */
export const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 128;

/** A finite number the wire format accepts. */
export const isNum = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 1e15;
