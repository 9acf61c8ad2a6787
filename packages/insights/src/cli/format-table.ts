/** A plain-text table with a header rule; numbers-like columns are right-aligned. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map(
    (_, i) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.,%]/.test(r[i] ?? '') || r[i] === '—'),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;

/** A rate with its 95 % interval: `12.6% [10.1%, 15.0%]`. */
export const pctInterval = (value: number, interval: { lower: number; upper: number }) =>
  `${pct(value)} [${pct(interval.lower)}, ${pct(interval.upper)}]`;
