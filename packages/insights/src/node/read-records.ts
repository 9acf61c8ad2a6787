import * as z from 'zod/mini';
import type { BacktestRecord, Expansion } from '../backtest/backtest-types.ts';
import { parseCsvLine } from './parse-csv-line.ts';
import { readLineBatches } from './read-lines.ts';

const NUMERIC = new Set([
  'ts',
  'value',
  'delta',
  'amount',
  'seats',
  'acv',
  'health',
  'count',
  'sentAt',
  'receivedAt',
]);

// Only the envelope is checked per event (cheap enough for millions of lines); the backtest
// reads type-specific fields defensively.
const envelope = z.looseObject({
  type: z.string().check(z.minLength(1)),
  accountId: z.string().check(z.minLength(1)),
  ts: z.number().check(z.gte(0)),
});
const accountSchema = z.looseObject({
  plan: z.string().check(z.minLength(1)),
  segment: z.enum(['smb', 'mid_market', 'enterprise']),
  seats: z.optional(z.number()),
  acv: z.optional(z.number()),
  activatedAt: z.optional(z.string()),
  health: z.optional(z.number()),
  churnRisk: z.optional(z.boolean()),
});
const expansionSchema = z.object({
  accountId: z.string().check(z.minLength(1)),
  ts: z.number().check(z.gte(0)),
  plan: z.optional(z.string()),
  amount: z.optional(z.number()),
});

export interface ReadStats {
  lines: number;
  /** Lines that were not valid records (bad JSON, missing accountId/ts/type). */
  skipped: number;
}

/** A time given as ms or as an ISO string, in ms. */
function toMs(value: unknown): unknown {
  if (typeof value === 'string' && value !== '' && Number.isNaN(Number(value))) return Date.parse(value);
  return value;
}

/** Objects from NDJSON (one JSON object per line) or CSV (header row) — chosen by the `.csv` extension. */
async function* readObjectBatches(
  path: string,
  stats: ReadStats,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<Array<Record<string, unknown>>> {
  const csv = path.toLowerCase().endsWith('.csv');
  let header: string[] | null = null;
  for await (const lines of readLineBatches(path, onBytes)) {
    const rows: Array<Record<string, unknown>> = [];
    for (const line of lines) {
      if (csv && header === null) {
        header = parseCsvLine(line).map((h) => h.trim());
        continue;
      }
      stats.lines++;
      const row = header !== null ? csvRow(header, line) : jsonRow(line);
      if (row === null) {
        stats.skipped++;
        continue;
      }
      row.ts = toMs(row.ts);
      rows.push(row);
    }
    yield rows;
  }
}

function csvRow(header: readonly string[], line: string): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  const fields = parseCsvLine(line);
  header.forEach((key, i) => {
    const raw = fields[i] ?? '';
    if (raw === '') return;
    row[key] = NUMERIC.has(key) && raw.trim() !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
  });
  if (row.churnRisk !== undefined) row.churnRisk = row.churnRisk === 'true';
  return row;
}

function jsonRow(line: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * Backtest records (stored events and `type: "account"` records) streamed from an NDJSON or CSV
 * file, such as `GET /v1/admin/events?format=ndjson` or `headroom sample`. Invalid lines are
 * skipped and counted in `stats`.
 */
export async function* readRecords(
  path: string,
  stats: ReadStats = { lines: 0, skipped: 0 },
  onBytes?: (bytesRead: number) => void,
): AsyncGenerator<BacktestRecord> {
  for await (const rows of readObjectBatches(path, stats, onBytes)) {
    for (const row of rows) {
      if (
        !envelope.safeParse(row).success ||
        (row.type === 'account' && !accountSchema.safeParse(row).success)
      ) {
        stats.skipped++;
        continue;
      }
      yield row as unknown as BacktestRecord;
    }
  }
}

/** Every expansion in an NDJSON or CSV file (`accountId`, `ts` as ms or ISO, optional `plan`, `amount`). */
export async function readExpansions(
  path: string,
  stats: ReadStats = { lines: 0, skipped: 0 },
): Promise<Expansion[]> {
  const expansions: Expansion[] = [];
  for await (const rows of readObjectBatches(path, stats)) {
    for (const row of rows) {
      const parsed = expansionSchema.safeParse(row);
      if (parsed.success) expansions.push(parsed.data as Expansion);
      else stats.skipped++;
    }
  }
  return expansions;
}
