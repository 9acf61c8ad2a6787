import { createReadStream } from 'node:fs';

/**
 * Lines of a UTF-8 file, streamed in batches (one per chunk read, so a million lines cost a
 * few hundred awaits, not a million): memory holds one chunk and one partial line, never the
 * file. Empty lines are dropped. `onBytes` reports the running byte count (for a progress bar).
 */
export async function* readLineBatches(
  path: string,
  onBytes?: (bytesRead: number) => void,
): AsyncGenerator<string[]> {
  const decoder = new TextDecoder();
  let bytes = 0;
  let rest = '';
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    const text = rest + decoder.decode(chunk, { stream: true });
    const lines: string[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const line = text.slice(start, end).trimEnd();
      start = end + 1;
      if (line.length > 0) lines.push(line);
    }
    rest = text.slice(start);
    onBytes?.(bytes);
    if (lines.length > 0) yield lines;
  }
  const last = (rest + decoder.decode()).trim();
  if (last.length > 0) yield [last];
}
