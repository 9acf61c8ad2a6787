// A NUL, or a UTF-16 surrogate without its pair. Postgres text and jsonb refuse both, and an
// insert that fails would answer 500 for a whole batch.
const UNSTORABLE = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Whether any string in `value` (object keys included, at any depth) holds text the store
 * cannot keep, so the event carrying it is rejected alone instead of failing its batch.
 * Iterative, so a deeply nested body cannot overflow the stack.
 */
export function hasUnstorableText(value: unknown): boolean {
  const todo: unknown[] = [value];
  while (todo.length) {
    const v = todo.pop();
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) return true;
    } else if (typeof v === 'object' && v !== null) {
      for (const [key, child] of Object.entries(v)) {
        if (UNSTORABLE.test(key)) return true;
        todo.push(child);
      }
    }
  }
  return false;
}
