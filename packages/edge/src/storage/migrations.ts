import { accountDaysOf, mergeAccountDays } from './account-days-sql.ts';
import { mergeActivityDays, mergeRevenueChanges } from './expansion-aggregates-sql.ts';

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
  {
    version: 2,
    name: 'server truth',
    sql: `
-- Dedupe per account: one account's event id can no longer shadow another's, and server
-- events have their own namespace. id leads the key so exports still page in id order.
ALTER TABLE events DROP CONSTRAINT IF EXISTS events_pkey;
ALTER TABLE events ADD PRIMARY KEY (id, account_id, source);

-- Facts per account and UTC day, kept current in the statement that stores the events, so
-- evaluating an account reads days, not its raw events. user_id is '' for account-wide rows.
CREATE TABLE IF NOT EXISTS account_days (
  account_id text NOT NULL,
  day date NOT NULL,
  kind text NOT NULL,
  key text NOT NULL,
  user_id text NOT NULL,
  count double precision NOT NULL DEFAULT 0,
  peak double precision,
  last double precision,
  last_at timestamptz,
  PRIMARY KEY (account_id, day, kind, key, user_id)
);

-- Account facts from verified tokens and the host's backend: { name: { value, at, source } };
-- per fact, the newest observation wins.
CREATE TABLE IF NOT EXISTS account_facts (
  account_id text PRIMARY KEY,
  facts jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);
INSERT INTO account_facts (account_id, facts, updated_at)
  SELECT id, jsonb_build_object(
      'plan', jsonb_build_object('value', plan, 'at', (extract(epoch FROM seen_at) * 1000)::float8, 'source', 'token'),
      'segment', jsonb_build_object('value', segment, 'at', (extract(epoch FROM seen_at) * 1000)::float8, 'source', 'token'),
      'acv', jsonb_build_object('value', acv, 'at', (extract(epoch FROM seen_at) * 1000)::float8, 'source', 'token'),
      'seats', jsonb_build_object('value', seats, 'at', (extract(epoch FROM seen_at) * 1000)::float8, 'source', 'token')),
    seen_at
  FROM accounts ON CONFLICT (account_id) DO NOTHING;

-- What the edge concluded about each account from those facts (edge-evaluated, never the browser's word).
CREATE TABLE IF NOT EXISTS account_state (
  account_id text PRIMARY KEY,
  config_version integer NOT NULL,
  evaluated_at timestamptz NOT NULL,
  fired jsonb NOT NULL,
  results jsonb NOT NULL,
  eligible boolean NOT NULL,
  reasons jsonb NOT NULL,
  unknown jsonb NOT NULL,
  plan text,
  segment text,
  acv double precision,
  seats integer,
  potential_acv double precision,
  pql_since timestamptz,
  last_upgrade_at timestamptz
);
CREATE INDEX IF NOT EXISTS account_state_pql ON account_state (pql_since) WHERE pql_since IS NOT NULL;
CREATE INDEX IF NOT EXISTS account_state_evaluated ON account_state (evaluated_at);

-- Trigger fire episodes as the edge evaluated them: the funnel's "fired" step.
CREATE TABLE IF NOT EXISTS trigger_fires (
  account_id text NOT NULL,
  trigger_id text NOT NULL,
  fired_at timestamptz NOT NULL,
  cleared_at timestamptz,
  PRIMARY KEY (account_id, trigger_id, fired_at)
);
CREATE INDEX IF NOT EXISTS trigger_fires_at ON trigger_fires (fired_at);

-- Every routing decision the edge made on POST /v1/route; identical ones within a flush are
-- one row with their count.
CREATE TABLE IF NOT EXISTS route_decisions (
  id bigserial PRIMARY KEY,
  account_id text NOT NULL,
  user_id text,
  plan text NOT NULL,
  seats integer NOT NULL,
  route text NOT NULL,
  reasons jsonb NOT NULL,
  expansion_acv double precision,
  source text,
  needs jsonb NOT NULL,
  handoff_id text,
  decided_at timestamptz NOT NULL,
  repeats integer NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS route_decisions_at ON route_decisions (decided_at);
CREATE INDEX IF NOT EXISTS route_decisions_account ON route_decisions (account_id, decided_at);

ALTER TABLE handoffs ADD COLUMN IF NOT EXISTS scope text;
CREATE INDEX IF NOT EXISTS handoffs_account_scope ON handoffs (account_id, scope, created_at);
`,
  },
  {
    version: 3,
    name: 'aggregates that reports read',
    sql: `
-- The latest value of a day is decided by (ts, id), so ingest and a rebuild always agree.
ALTER TABLE account_days ADD COLUMN IF NOT EXISTS last_id text;
-- Rebuilt from every stored event (stores from before version 2 had none).
TRUNCATE account_days;
${mergeAccountDays(`(${accountDaysOf('events')}) f`)};

-- One row per experiment and unit: its first exposure (receive time) and first conversion.
CREATE TABLE IF NOT EXISTS experiment_units (
  experiment_id text NOT NULL,
  unit_id text NOT NULL,
  account_id text NOT NULL,
  variant_id text NOT NULL,
  exposed_at timestamptz NOT NULL,
  exposure_id text NOT NULL,
  converted_at timestamptz,
  PRIMARY KEY (experiment_id, unit_id)
);
CREATE INDEX IF NOT EXISTS experiment_units_variant ON experiment_units (experiment_id, variant_id);

-- Work the edge does on its next start, when it knows the config (experiments need goals).
CREATE TABLE IF NOT EXISTS aggregate_rebuilds (name text PRIMARY KEY);
INSERT INTO aggregate_rebuilds (name) SELECT 'experiments' WHERE EXISTS (SELECT 1 FROM events WHERE type = 'exposure');
`,
  },
  {
    version: 4,
    name: 'funnel from fire episodes',
    sql: `
-- How far each fire episode got: the earliest prompt shown for its trigger (received from an hour
-- before the fire), the first click after it, the first edge route after that and the first
-- server-reported upgrade after the route. The funnel reads these, never the raw steps.
ALTER TABLE trigger_fires ADD COLUMN IF NOT EXISTS shown_at timestamptz;
ALTER TABLE trigger_fires ADD COLUMN IF NOT EXISTS clicked_at timestamptz;
ALTER TABLE trigger_fires ADD COLUMN IF NOT EXISTS routed_at timestamptz;
ALTER TABLE trigger_fires ADD COLUMN IF NOT EXISTS completed_at timestamptz;
-- The steps of one account's episodes are found by account, trigger and receive time.
CREATE INDEX IF NOT EXISTS events_prompt_steps ON events (account_id, type, (payload->>'triggerId'), received_at)
  WHERE type IN ('prompt_shown', 'prompt_clicked');

-- Per account and UTC day of the click, the earliest click received: what "direct" routes need.
CREATE TABLE IF NOT EXISTS prompt_click_days (
  account_id text NOT NULL,
  day date NOT NULL,
  first_received_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, day)
);

-- Filled by the rebuild on the next start.
INSERT INTO aggregate_rebuilds (name) SELECT 'funnel'
  WHERE EXISTS (SELECT 1 FROM trigger_fires) OR EXISTS (SELECT 1 FROM events WHERE type = 'prompt_clicked');
`,
  },
  {
    version: 5,
    name: 'pql lists from indexes',
    sql: `
-- What the PQL lists show, kept beside the state so they read index-ordered rows and no
-- per-trigger results: the number of fired triggers and each one's reason.
ALTER TABLE account_state ADD COLUMN IF NOT EXISTS signals integer;
-- json, not jsonb: the reasons keep the config's trigger order.
ALTER TABLE account_state ADD COLUMN IF NOT EXISTS fired_reasons json;
UPDATE account_state SET signals = jsonb_array_length(fired),
  fired_reasons = (SELECT coalesce(json_object_agg(r->>'id', r->>'reason' ORDER BY i), '{}'::json)
    FROM jsonb_array_elements(results) WITH ORDINALITY AS x(r, i) WHERE (r->>'fired')::boolean);
ALTER TABLE account_state ALTER COLUMN signals SET NOT NULL;
ALTER TABLE account_state ALTER COLUMN fired_reasons SET NOT NULL;
-- In the order each list is read.
DROP INDEX IF EXISTS account_state_pql;
CREATE INDEX IF NOT EXISTS account_state_pqls ON account_state (pql_since, account_id) WHERE pql_since IS NOT NULL;
CREATE INDEX IF NOT EXISTS account_state_suppressed ON account_state (signals DESC, account_id)
  WHERE NOT eligible AND signals > 0;
`,
  },
  {
    version: 6,
    name: 'prunable browser events',
    sql: `
-- Retention deletes the oldest browser events in bounded batches through this index, never a
-- scan; server events (conversions, the backend's usage) are kept and stay out of it.
CREATE INDEX IF NOT EXISTS events_browser_ts ON events (ts) WHERE source = 'browser';
-- Browser events before this instant (a UTC midnight) may have been deleted: a rebuild keeps
-- the aggregates they gave instead of recomputing them from what is left.
CREATE TABLE IF NOT EXISTS event_retention (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  pruned_before timestamptz NOT NULL
);
`,
  },
  {
    version: 7,
    name: 'tracked events and trait history for the edge-only triggers',
    sql: `
-- account_days now also counts tracked (custom) events per day, name and user, kept by the
-- same ingest statement; add the ones stored before (what retention kept). A store that ran
-- version 3 with this code already counted them: start over, so no day counts twice.
DELETE FROM account_days WHERE kind = 'custom';
${mergeAccountDays(`(${accountDaysOf("(SELECT * FROM events WHERE type = 'custom') custom_events")}) f`)};

-- The backend's numeric traits per UTC day (the day's newest report), for "grew by" conditions.
CREATE TABLE IF NOT EXISTS account_trait_days (
  account_id text NOT NULL,
  name text NOT NULL,
  day date NOT NULL,
  value double precision NOT NULL,
  at double precision NOT NULL,
  PRIMARY KEY (account_id, name, day)
);
`,
  },
  {
    version: 8,
    name: 'config publisher',
    sql: `
-- Who published each config version: the label of the admin token (HEADROOM_ADMIN_TOKENS).
ALTER TABLE config_versions ADD COLUMN IF NOT EXISTS published_by text;
`,
  },
  {
    version: 9,
    name: 'trigger holdouts',
    sql: `
-- Per fire episode: whether the account was in the trigger's holdout (never shown its prompt)
-- and eligible when it fired (NULL: fired before holdouts were recorded), and the first
-- server-reported upgrade at or after the fire with its amount. The holdout report compares
-- held-out and exposed episodes from these columns alone.
ALTER TABLE trigger_fires ADD COLUMN IF NOT EXISTS held_out boolean;
ALTER TABLE trigger_fires ADD COLUMN IF NOT EXISTS eligible boolean;
ALTER TABLE trigger_fires ADD COLUMN IF NOT EXISTS expanded_at timestamptz;
ALTER TABLE trigger_fires ADD COLUMN IF NOT EXISTS expansion_amount double precision;
-- The report reads one trigger's episodes in a window.
CREATE INDEX IF NOT EXISTS trigger_fires_trigger_at ON trigger_fires (trigger_id, fired_at);
-- The rebuild on the next start fills the expansions of the episodes stored before.
INSERT INTO aggregate_rebuilds (name) SELECT 'funnel' WHERE EXISTS (SELECT 1 FROM trigger_fires)
  ON CONFLICT DO NOTHING;
`,
  },
  // First exposures per experiment version, so results never pool across versions; rows stored
  // before carried no version and are version 1.
  {
    version: 10,
    name: 'experiment versions',
    sql: `
ALTER TABLE experiment_units ADD COLUMN IF NOT EXISTS experiment_version integer NOT NULL DEFAULT 1;
ALTER TABLE experiment_units DROP CONSTRAINT IF EXISTS experiment_units_pkey;
ALTER TABLE experiment_units ADD PRIMARY KEY (experiment_id, experiment_version, unit_id);
DROP INDEX IF EXISTS experiment_units_variant;
CREATE INDEX IF NOT EXISTS experiment_units_variant
  ON experiment_units (experiment_id, experiment_version, variant_id);
`,
  },
  // Versions need not be contiguous: the runner applies every version not yet recorded.
  // activity_days: who was active on which UTC day (user_id '' for events without a user), for
  // active accounts and users per week and segment without the events. revenue_changes: one row
  // per server billing event, the NRR ledger (expansion by source, contraction, churn). Both are
  // kept by the ingest statement. The partial index serves invites per day across accounts
  // (the viral coefficient). SQL comments would ship in the worker, so they are here.
  {
    version: 11,
    name: 'expansion metrics',
    sql: `
CREATE TABLE IF NOT EXISTS activity_days (
  account_id text NOT NULL,
  day date NOT NULL,
  user_id text NOT NULL,
  PRIMARY KEY (account_id, day, user_id)
);
CREATE INDEX IF NOT EXISTS activity_days_day ON activity_days (day);
${mergeActivityDays('events')};
CREATE TABLE IF NOT EXISTS revenue_changes (
  account_id text NOT NULL,
  event_id text NOT NULL,
  at timestamptz NOT NULL,
  kind text NOT NULL,
  amount double precision NOT NULL,
  previous_amount double precision,
  expansion_source text NOT NULL,
  PRIMARY KEY (account_id, event_id)
);
CREATE INDEX IF NOT EXISTS revenue_changes_at ON revenue_changes (at);
${mergeRevenueChanges('events')};
CREATE INDEX IF NOT EXISTS account_days_invites ON account_days (day) WHERE kind IN ('invite_sent', 'invite_accepted');
`,
  },
];
