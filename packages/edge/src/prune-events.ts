import { DAY_MS } from '@headroom/core';
import type { Storage } from './storage/storage.ts';

/** Rows per DELETE: short statements, so ingest never waits long behind a prune. */
const BATCH = 1000;

/**
 * Deletes browser events dated before the UTC midnight `days` days before `now`, at most
 * `limit` of them, `BATCH` per statement; resolves how many. A storage without `pruneEvents`
 * keeps everything.
 */
export async function pruneBrowserEvents(
  storage: Pick<Storage, 'pruneEvents'>,
  now: number,
  days: number,
  limit: number,
): Promise<number> {
  if (!storage.pruneEvents) return 0;
  // Whole UTC days, so every aggregate day before the horizon lost all its browser events.
  const before = Math.floor((now - days * DAY_MS) / DAY_MS) * DAY_MS;
  let deleted = 0;
  while (deleted < limit) {
    const batch = Math.min(BATCH, limit - deleted);
    const n = await storage.pruneEvents(before, batch);
    deleted += n;
    if (n < batch) break;
  }
  return deleted;
}
