/** Where the progress bar draws; `isTTY` decides between a redrawn bar and occasional lines. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/**
 * A byte-based progress bar: redrawn in place on a terminal (at most every 100 ms), one line
 * per 10 % otherwise (CI logs), and nothing for small inputs.
 * @default minBytes 1 MB
 */
export function createProgressBar(
  label: string,
  totalBytes: number,
  stream: ProgressStream,
  minBytes = 1 << 20,
) {
  const enabled = totalBytes >= minBytes;
  const started = Date.now();
  let lastDraw = 0;
  let lastDecile = -1;
  const mb = (b: number) => `${(b / 1_048_576).toFixed(1)} MB`;
  return {
    update(bytes: number) {
      if (!enabled) return;
      const share = Math.min(1, bytes / totalBytes);
      if (stream.isTTY === true) {
        const now = Date.now();
        if (now - lastDraw < 100 && share < 1) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round(share * width);
        const rate = bytes / Math.max(1, now - started) / 1.048576e3;
        stream.write(
          `\r${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${mb(bytes)}/${mb(totalBytes)} ${rate.toFixed(1)} MB/s`,
        );
      } else {
        const decile = Math.floor(share * 10);
        if (decile === lastDecile) return;
        lastDecile = decile;
        stream.write(`${label}: ${decile * 10}% (${mb(bytes)} of ${mb(totalBytes)})\n`);
      }
    },
    done() {
      if (enabled && stream.isTTY === true) stream.write('\n');
    },
  };
}
