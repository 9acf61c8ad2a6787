/**
 * Adds the prompt clicks in a set of event rows to `prompt_click_days` (per account and UTC day
 * of the click: the earliest receive time), which the funnel's "direct" count reads instead of
 * the clicks themselves. Ingest runs it over the rows a batch inserted (which must carry
 * `received_at`), a rebuild over every stored event; merging with `least` makes both agree.
 */
export const mergePromptClickDays = (rows: string) => `
  INSERT INTO prompt_click_days AS d (account_id, day, first_received_at)
  SELECT account_id, (ts AT TIME ZONE 'UTC')::date, min(received_at) FROM ${rows}
  WHERE type = 'prompt_clicked'
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (account_id, day) DO UPDATE SET first_received_at = least(d.first_received_at, excluded.first_received_at)`;
