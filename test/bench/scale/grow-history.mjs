// Grows a store loaded through the storage API to a larger size in SQL, so 10M events fit in a
// bench run (loading 10M through insertEvents takes ≈ 20 min on the shared box). The copies are
// the stored events themselves — the same accounts, users, types and payloads — dated earlier by
// whole multiples of `shiftDays` (so the history gets longer and denser, as a year of a bigger
// customer's traffic would), with fresh ids; payloads carry the copy's id and time. Aggregates
// are then rebuilt from every event (`rebuildAggregates`), which is also the rebuild measured.

/**
 * Copies the stored events until the store holds `target` events; returns rows added and time.
 * @param {import('postgres').Sql} db the store's database
 * @param {object} o
 * @param {number} o.target events wanted in total
 * @param {number} o.shiftDays how much earlier each copy is than the one before
 * @param {(line: string) => void} [o.log]
 */
export async function growHistory(db, { target, shiftDays, log }) {
  const started = performance.now();
  const [{ n: base }] = await db.unsafe('SELECT count(*)::float8 AS n FROM events');
  let total = base;
  for (let copy = 1; total < target; copy++) {
    const want = Math.min(base, target - total);
    const t0 = performance.now();
    // One statement per copy (≈ 1M rows): in key order, so the primary key is appended to, not split.
    const [{ n }] = await db.unsafe(
      `WITH added AS (
         INSERT INTO events (id, account_id, user_id, type, ts, received_at, source, payload)
         SELECT c.id, e.account_id, e.user_id, e.type, e.ts - $1 * interval '1 day', e.received_at - $1 * interval '1 day',
           e.source, jsonb_set(jsonb_set(e.payload, '{id}', to_jsonb(c.id)), '{ts}',
             to_jsonb(((extract(epoch FROM e.ts) * 1000)::bigint - $1::bigint * 86400000)))
         FROM (SELECT * FROM events WHERE id NOT LIKE '%~%' ORDER BY id LIMIT $3) e
         CROSS JOIN LATERAL (SELECT e.id || '~' || $2 AS id) c
         ON CONFLICT DO NOTHING
         RETURNING 1
       )
       SELECT count(*)::float8 AS n FROM added`,
      [copy * shiftDays, copy, want],
    );
    total += n;
    log?.(
      `  copy ${copy}: ${n.toLocaleString('en')} events ${copy * shiftDays} days earlier in ${((performance.now() - t0) / 1000).toFixed(1)} s (${total.toLocaleString('en')} stored)`,
    );
  }
  return { added: total - base, ms: performance.now() - started };
}
