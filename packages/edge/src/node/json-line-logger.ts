import type { LogLine } from '../edge-options.ts';

/** A log sink that batches JSON lines per event-loop turn. */
export interface JsonLineLogger {
  log(line: LogLine): void;
  /** Writes what is buffered now (call before exit). */
  flush(): void;
}

/**
 * One JSON line per call, written in batches: stdout to a pipe or file is synchronous on
 * Linux, so a write per request would block the event loop under load.
 */
export function createJsonLineLogger(
  write: (chunk: string) => void,
  now: () => number = Date.now,
  maxBuffered = 512,
): JsonLineLogger {
  let buffer: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (buffer.length === 0) return;
    const chunk = `${buffer.join('\n')}\n`;
    buffer = [];
    write(chunk);
  };
  return {
    log(line) {
      buffer.push(JSON.stringify({ time: new Date(now()).toISOString(), ...line }));
      if (buffer.length >= maxBuffered) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
