import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import * as z from 'zod/mini';
import type { BacktestRecord, Expansion } from '../backtest/backtest-types.ts';
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
  if (path.toLowerCase().endsWith('.csv')) {
    yield* readCsvBatches(path, stats, onBytes);
    return;
  }
  for await (const lines of readLineBatches(path, onBytes)) {
    const rows: Array<Record<string, unknown>> = [];
    for (const line of lines) {
      stats.lines++;
      const row = jsonRow(line);
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

// Records per batch handed on from the CSV parser (one await per batch, not per row).
const CSV_BATCH = 1000;

/**
 * CSV by RFC 4180 (csv-parse: quoted fields may hold commas, doubled quotes and newlines),
 * the first row naming the columns. A malformed file is an error naming it and the line.
 */
async function* readCsvBatches(
  path: string,
  stats: ReadStats,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<Array<Record<string, unknown>>> {
  const input = createReadStream(path);
  let bytes = 0;
  input.on('data', (chunk) => {
    bytes += chunk.length;
    onBytes?.(bytes);
  });
  const parser = input.pipe(
    parse({
      bom: true,
      columns: (header: string[]) => header.map((name) => name.trim()),
      relax_column_count: true,
      skip_empty_lines: true,
    }),
  );
  // A read error (no such file) reaches the parser's iterator too.
  input.on('error', (error) => parser.destroy(error));
  let rows: Array<Record<string, unknown>> = [];
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      stats.lines++;
      const row = csvRow(record);
      row.ts = toMs(row.ts);
      rows.push(row);
      if (rows.length >= CSV_BATCH) {
        yield rows;
        rows = [];
      }
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('CSV_'))
      throw new Error(`${path}: not valid CSV (${(error as Error).message})`);
    throw error;
  }
  if (rows.length > 0) yield rows;
}

/** A CSV record as a row: empty fields left out, numeric columns as numbers. */
function csvRow(record: Record<string, string>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(record)) {
    if (raw === '') continue;
    row[key] = NUMERIC.has(key) && raw.trim() !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
  }
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
