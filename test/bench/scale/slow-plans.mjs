// The plans of slow statements the edge ran during the measurements, from auto_explain in the
// throwaway cluster's log: which report read scans `events` (or another big table) in full.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Sequential scans and nested loops named in one plan. */
export function planScan(plan) {
  const scans = new Set();
  for (const m of plan.matchAll(/Seq Scan on (\w+)/g)) scans.add(`Seq Scan on ${m[1]}`);
  if (/Nested Loop/.test(plan) && /on events/.test(plan)) scans.add('Nested Loop over events');
  return [...scans];
}

/**
 * Turns on auto_explain (plans of statements over `minMs`) for new sessions of `database` and
 * returns a reader of the cluster log; undefined when the log is not where the cluster keeps it.
 */
export async function slowPlans(db, database, scan, minMs = 20) {
  const [{ data_directory: data }] = await db.unsafe('SHOW data_directory');
  const file = join(dirname(data), 'postgres.log');
  if (!existsSync(file)) return undefined;
  await db.unsafe(`ALTER DATABASE ${database} SET session_preload_libraries = 'auto_explain'`);
  await db.unsafe(`ALTER DATABASE ${database} SET auto_explain.log_min_duration = '${minMs}ms'`);
  return {
    offset: async () => statSync(file).size,
    /** Distinct slow statements logged since `from`, slowest first, with their scans. */
    read: async (from) => {
      const text = readFileSync(file).subarray(from).toString('utf8');
      const byStatement = new Map();
      for (const entry of text.split(/\n(?=\d{4}-\d\d-\d\d )/)) {
        const duration = /duration: ([\d.]+) ms\s+plan:/.exec(entry);
        if (!duration) continue;
        const query = /Query Text: ([\s\S]*?)\n\s*(?:[A-Z][a-zA-Z ]+(?:\(|\s{2}|$)|->)/m.exec(entry);
        const statement = (query?.[1] ?? entry.slice(0, 200)).replace(/\s+/g, ' ').trim().slice(0, 140);
        const ms = Number(duration[1]);
        const seen = byStatement.get(statement);
        if (!seen || seen.ms < ms)
          byStatement.set(statement, { statement, ms: Math.round(ms), scans: scan(entry) });
      }
      return [...byStatement.values()]
        .filter((p) => p.scans.length > 0 || p.ms >= 100)
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 8);
    },
  };
}
