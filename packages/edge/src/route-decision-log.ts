import type { RouteDecisionRow, Storage } from './storage/storage.ts';

/** Routing decisions are stored in groups: one statement per flush, not one per request. */
export interface RouteDecisionLog {
  /** Queues a decision; identical decisions before the next flush become one row with a count. */
  record(row: Omit<RouteDecisionRow, 'repeats'>): void;
  /** Writes everything queued so far (reports call it before they read). */
  flush(): Promise<void>;
}

/**
 * Longest a decision waits in memory before it is written: a second folds an account's
 * repeated clicks into one row, and reports on this instance flush before they read.
 */
const FLUSH_MS = 1000;
const MAX_QUEUED = 5000;

export function createRouteDecisionLog(
  storage: Pick<Storage, 'recordRouteDecisions'>,
  onError: (error: unknown) => void,
): RouteDecisionLog {
  let queued = new Map<string, RouteDecisionRow>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();

  function flush(): Promise<void> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const rows = [...queued.values()];
    queued = new Map();
    // Writes run one after another, so a report's flush waits for every earlier write.
    writing = writing.then(async () => {
      if (rows.length === 0) return;
      try {
        await storage.recordRouteDecisions(rows);
      } catch (error) {
        onError(error);
        // Kept for the next flush rather than lost; bounded like the queue itself.
        for (const row of rows) if (queued.size < MAX_QUEUED * 10) queued.set(keyOf(row), row);
        schedule();
      }
    });
    return writing;
  }

  function schedule(): void {
    if (timer !== undefined) return;
    timer = setTimeout(() => void flush(), FLUSH_MS);
    // A pending write must not keep a Node process alive on its own.
    (timer as { unref?: () => void }).unref?.();
  }

  return {
    record(row) {
      const key = keyOf(row);
      const same = queued.get(key);
      if (same) same.repeats++;
      else queued.set(key, { ...row, repeats: 1 });
      if (queued.size >= MAX_QUEUED) void flush();
      else schedule();
    },
    flush,
  };
}

// Fields joined by a control character no id contains (ids are validated names).
const keyOf = (row: Omit<RouteDecisionRow, 'repeats'>) =>
  `${row.accountId}\u0001${row.userId}\u0001${row.plan}\u0001${row.seats}\u0001${row.route}\u0001${row.reasons.join(',')}\u0001${row.expansionAcv}\u0001${row.source}\u0001${row.needs.join(',')}\u0001${row.handoffId}`;
