import { type Storage, type StoredEvent, storedEventKey } from './storage.ts';

/**
 * Group commit for a single-connection store (PGlite): batches that arrive while an insert
 * is running are merged into the next statement (up to `maxRows`), so N concurrent requests
 * cost about one statement and one commit instead of N. Each caller still learns exactly
 * which of its own ids were new.
 */
export function coalesceInserts(insert: Storage['insertEvents'], maxRows = 2000): Storage['insertEvents'] {
  type Waiter = {
    rows: readonly StoredEvent[];
    resolve: (ids: Set<string>) => void;
    reject: (e: unknown) => void;
  };
  const queue: Waiter[] = [];
  let running = false;

  async function drain(): Promise<void> {
    running = true;
    while (queue.length > 0) {
      const group: Waiter[] = [];
      let size = 0;
      while (queue.length > 0 && (group.length === 0 || size + (queue[0]?.rows.length ?? 0) <= maxRows)) {
        const next = queue.shift() as Waiter;
        group.push(next);
        size += next.rows.length;
      }
      try {
        const inserted = await insert(group.flatMap((w) => w.rows));
        // An event sent twice in one group is new for its first sender only.
        for (const waiter of group) {
          const mine = new Set<string>();
          for (const row of waiter.rows) {
            const key = storedEventKey(row);
            if (inserted.delete(key)) mine.add(key);
          }
          waiter.resolve(mine);
        }
      } catch (error) {
        for (const waiter of group) waiter.reject(error);
      }
    }
    running = false;
  }

  return (rows) => {
    if (rows.length === 0) return Promise.resolve(new Set());
    return new Promise((resolve, reject) => {
      queue.push({ rows, resolve, reject });
      if (!running) void drain();
    });
  };
}
