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
  let buffer = '';
  let buffered = 0;
  let scheduled = false;
  // Thousands of lines share a millisecond under load: format its timestamp once.
  let stampMs = Number.NaN;
  let stamp = '';
  const flush = () => {
    scheduled = false;
    if (buffered === 0) return;
    const chunk = buffer;
    buffer = '';
    buffered = 0;
    write(chunk);
  };
  return {
    log(line) {
      const t = now();
      if (t !== stampMs) {
        stampMs = t;
        stamp = new Date(t).toISOString();
      }
      // `time` is prepended to the serialised line instead of copying the line into a new
      // object; a line with its own `time` keeps the spread's semantics.
      const json = JSON.stringify(line);
      buffer +=
        'time' in line
          ? `${JSON.stringify({ time: stamp, ...line })}\n`
          : json.length > 2
            ? `{"time":"${stamp}",${json.slice(1)}\n`
            : `{"time":"${stamp}"}\n`;
      if (++buffered >= maxBuffered) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
