/**
 * The per-account daily facts (`account_days`) that a set of events adds: gate hits, invites and
 * tracked (`custom`) events per user and name, usage peaks and the latest value per meter, the
 * latest server-reported upgrade.
 * Ingest runs it over the rows a batch inserted; a rebuild runs it over every stored event.
 * The latest value is decided by (ts, id), so both give the same answer in any order.
 */
export const accountDaysOf = (rows: string) => `
  SELECT account_id, (ts AT TIME ZONE 'UTC')::date AS day, type AS kind,
    CASE type WHEN 'gate_hit' THEN payload->>'feature' WHEN 'usage' THEN payload->>'meter'
      WHEN 'custom' THEN payload->>'name' ELSE '' END AS key,
    CASE WHEN type IN ('gate_hit', 'invite_sent', 'invite_accepted', 'custom') THEN coalesce(user_id, '') ELSE '' END AS user_id,
    count(*)::float8 AS count,
    max((payload->>'value')::float8) AS peak,
    (array_agg((payload->>'value')::float8 ORDER BY ts DESC, id DESC))[1] AS last,
    max(ts) AS last_at,
    (array_agg(id ORDER BY ts DESC, id DESC))[1] AS last_id
  FROM ${rows}
  WHERE type IN ('gate_hit', 'invite_sent', 'invite_accepted', 'usage', 'custom')
    OR (type = 'upgrade_completed' AND source = 'server')
  GROUP BY 1, 2, 3, 4, 5`;

/** Adds such facts to `account_days` (alias `d`): counts add up, peaks and latest values merge. */
export const mergeAccountDays = (facts: string) => `
  INSERT INTO account_days AS d (account_id, day, kind, key, user_id, count, peak, last, last_at, last_id)
  SELECT account_id, day, kind, key, user_id, count, peak, last, last_at, last_id FROM ${facts}
  ORDER BY account_id, day, kind, key, user_id
  ON CONFLICT (account_id, day, kind, key, user_id) DO UPDATE SET count = d.count + excluded.count,
    peak = greatest(d.peak, excluded.peak),
    last = CASE WHEN d.last_at IS NULL OR (excluded.last_at, excluded.last_id) >= (d.last_at, d.last_id)
      THEN excluded.last ELSE d.last END,
    last_id = CASE WHEN d.last_at IS NULL OR (excluded.last_at, excluded.last_id) >= (d.last_at, d.last_id)
      THEN excluded.last_id ELSE d.last_id END,
    last_at = greatest(d.last_at, excluded.last_at)`;
