/**
 * The schema, as ordered SQL migrations applied at start by every storage (PGlite and
 * Postgres run the same text). Append new migrations; never edit a released one.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE IF NOT EXISTS events (
  id text PRIMARY KEY,
  account_id text NOT NULL,
  user_id text,
  type text NOT NULL,
  ts timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  source text NOT NULL CHECK (source IN ('browser', 'server')),
  payload jsonb NOT NULL
);
-- Per-account history, routing signals, experiment goals.
CREATE INDEX IF NOT EXISTS events_account_type_ts ON events (account_id, type, ts);
-- Admin reports scan the rare, decision-bearing types across accounts; the high-volume ones
-- (usage, gate_hit, custom, invites) stay out of this index so ingest stays cheap.
CREATE INDEX IF NOT EXISTS events_funnel_type_ts ON events (type, ts)
  WHERE type IN ('trigger_fired', 'exposure', 'upgrade_completed', 'upgrade_routed', 'prompt_shown', 'prompt_clicked');

CREATE TABLE IF NOT EXISTS handoffs (
  id text PRIMARY KEY,
  dedupe_key text NOT NULL UNIQUE,
  account_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  delivered_at timestamptz,
  last_error text,
  payload jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS handoffs_created_at ON handoffs (created_at);

CREATE TABLE IF NOT EXISTS outbox (
  id bigserial PRIMARY KEY,
  handoff_id text NOT NULL REFERENCES handoffs (id),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  locked_until timestamptz,
  done boolean NOT NULL DEFAULT false
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_attempt_at) WHERE NOT done;

CREATE TABLE IF NOT EXISTS accounts (
  id text PRIMARY KEY,
  plan text NOT NULL,
  segment text NOT NULL,
  acv double precision NOT NULL,
  seats integer NOT NULL,
  seen_at timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS config_versions (
  version integer PRIMARY KEY,
  config jsonb NOT NULL,
  published_at timestamptz NOT NULL,
  note text
);
`,
  },
];
