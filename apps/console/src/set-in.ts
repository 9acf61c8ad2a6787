/** A copy of `root` with the value at `path` replaced (objects and arrays copied along the path only). */
export function setIn(root: unknown, path: ReadonlyArray<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [string | number, ...Array<string | number>];
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[key as number] = setIn(copy[key as number], rest, value);
    return copy;
  }
  const object = typeof root === 'object' && root !== null ? (root as Record<string, unknown>) : {};
  const next = setIn(object[key], rest, value);
  if (next === undefined) {
    const { [key]: _, ...others } = object;
    return others;
  }
  return { ...object, [key]: next };
}

/** The record at a key, or an empty one (for reading a draft that may be invalid). */
export const recordAt = (value: unknown, key: string): Record<string, unknown> => {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
};

export const arrayAt = (value: unknown, key: string): unknown[] => {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return Array.isArray(v) ? v : [];
};

export const stringAt = (value: unknown, key: string): string => {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
};
