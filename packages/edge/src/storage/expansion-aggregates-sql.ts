/** Server events that change what an account pays: the NRR ledger (`revenue_changes`). */
export const BILLING_TYPES = `('upgrade_completed', 'subscription_changed', 'subscription_canceled')`;

/**
 * Adds who was active on which UTC day (`activity_days`: per account, day and user, `''` for
 * events without a user) from a set of event rows; billing events are not activity. Ingest runs
 * it over the rows a batch inserted, a rebuild over every stored event: a set, so both agree.
 */
export const mergeActivityDays = (rows: string) => `
  INSERT INTO activity_days (account_id, day, user_id)
  SELECT DISTINCT account_id, (ts AT TIME ZONE 'UTC')::date, coalesce(user_id, '') FROM ${rows}
  WHERE type NOT IN ${BILLING_TYPES}
  ORDER BY 1, 2, 3
  ON CONFLICT DO NOTHING`;

/**
 * Adds the server's billing events in a set of rows to `revenue_changes`, one row per event:
 * the annual amount after it (0 on a cancellation) and before it (when the backend said), and
 * the kind of expansion it would be — the backend's `expansion`, else `tier` when the plan changed
 * (or no previous plan is named), `seat` when the seats grew, else `usage`.
 */
export const mergeRevenueChanges = (rows: string) => `
  INSERT INTO revenue_changes (account_id, event_id, at, kind, amount, previous_amount, expansion_source)
  SELECT account_id, id, ts, type,
    CASE WHEN type = 'subscription_canceled' THEN 0 ELSE (payload->>'amount')::float8 END,
    (payload->>'previousAmount')::float8,
    coalesce(payload->>'expansion', CASE
      WHEN payload->>'fromPlan' IS NULL OR payload->>'fromPlan' <> payload->>'plan' THEN 'tier'
      WHEN (payload->>'seats')::float8 > (payload->>'previousSeats')::float8 THEN 'seat'
      ELSE 'usage' END)
  FROM ${rows}
  WHERE source = 'server' AND type IN ${BILLING_TYPES}
  ORDER BY 1, 2
  ON CONFLICT DO NOTHING`;
