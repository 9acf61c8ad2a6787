import type { AccountRecord, BacktestRecord } from './backtest-types.ts';

/**
 * Interleaves account records (held in memory: one per account per change) into a time-ordered
 * event stream, each before the first event at or after its time, so an edge export (events
 * only) can be backtested with claims from a CRM or billing export.
 */
export async function* mergeByTime(
  events: AsyncIterable<BacktestRecord> | Iterable<BacktestRecord>,
  accounts: readonly AccountRecord[],
): AsyncGenerator<BacktestRecord> {
  const sorted = [...accounts].sort((a, b) => a.ts - b.ts);
  let next = 0;
  for await (const event of events) {
    while (next < sorted.length && sorted[next]!.ts <= event.ts) yield sorted[next++]!;
    yield event;
  }
  while (next < sorted.length) yield sorted[next++]!;
}
