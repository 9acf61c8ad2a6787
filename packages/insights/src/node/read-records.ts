import * as z from 'zod/mini';
import type { BacktestRecord, Expansion } from '../backtest/backtest-types.ts';
import { parseCsvLine } from './parse-csv-line.ts';
import { readLines } from './read-lines.ts';

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
async function* readObjects(
  path: string,
  stats: ReadStats,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<Record<string, unknown>> {
  const csv = path.toLowerCase().endsWith('.csv');
  let header: string[] | null = null;
  for await (const line of readLines(path, onBytes)) {
    if (csv && header === null) {
      header = parseCsvLine(line).map((h) => h.trim());
      continue;
    }
    stats.lines++;
    let row: Record<string, unknown>;
    if (header !== null) {
      row = {};
      const fields = parseCsvLine(line);
      header.forEach((key, i) => {
        const raw = fields[i] ?? '';
        if (raw === '') return;
        row[key] = NUMERIC.has(key) && raw.trim() !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
      });
      if (row.churnRisk !== undefined) row.churnRisk = row.churnRisk === 'true';
    } else {
      try {
        const parsed: unknown = JSON.parse(line);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          throw new Error('not an object');
        row = parsed as Record<string, unknown>;
      } catch {
        stats.skipped++;
        continue;
      }
    }
    row.ts = toMs(row.ts);
    yield row;
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
  for await (const row of readObjects(path, stats, onBytes)) {
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

/** Every expansion in an NDJSON or CSV file (`accountId`, `ts` as ms or ISO, optional `plan`, `amount`). */
export async function readExpansions(
  path: string,
  stats: ReadStats = { lines: 0, skipped: 0 },
): Promise<Expansion[]> {
  const expansions: Expansion[] = [];
  for await (const row of readObjects(path, stats)) {
    const parsed = expansionSchema.safeParse(row);
    if (parsed.success) expansions.push(parsed.data as Expansion);
    else stats.skipped++;
  }
  return expansions;
}
