// Scheduled jobs (one row per run, so several instances run each slot once) and early warnings
// (预警) with their audit trail and the cards they were posted as. Forward-only.
import { sql, type Kysely } from 'kysely';

const STATEMENTS = [
  // (job, scheduled_for) is unique: the instance whose insert wins runs that slot; the others
  // see the row and skip it. `missed_slots` counts the slots skipped by a catch-up after downtime.
  `CREATE TABLE job_runs (
     id serial PRIMARY KEY,
     job text NOT NULL,
     scheduled_for timestamptz NOT NULL,
     started_at timestamptz NOT NULL,
     finished_at timestamptz,
     duration_ms integer,
     outcome text NOT NULL DEFAULT 'running' CHECK (outcome IN ('running', 'ok', 'failed', 'abandoned')),
     error text,
     instance text NOT NULL,
     caught_up boolean NOT NULL DEFAULT false,
     missed_slots integer NOT NULL DEFAULT 0,
     UNIQUE (job, scheduled_for))`,
  `CREATE INDEX job_runs_job_idx ON job_runs (job, scheduled_for DESC)`,
  // A warning lasts while its signal is abnormal: one row per key with ended_at null at a time.
  // A person's Resolve closes the loop (who, what, when); the row ends when the signal is normal.
  `CREATE TABLE warnings (
     id serial PRIMARY KEY,
     key text NOT NULL,
     type text NOT NULL,
     level text NOT NULL CHECK (level IN ('general', 'important', 'severe')),
     peak_level text NOT NULL CHECK (peak_level IN ('general', 'important', 'severe')),
     status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved', 'recovered')),
     version integer NOT NULL DEFAULT 1,
     subject jsonb NOT NULL DEFAULT '{}'::jsonb,
     evidence jsonb NOT NULL DEFAULT '{}'::jsonb,
     opened_at timestamptz NOT NULL,
     updated_at timestamptz NOT NULL,
     acknowledged_by text REFERENCES agents(id),
     acknowledged_at timestamptz,
     assignee_id text REFERENCES agents(id),
     assigned_at timestamptz,
     resolved_by text REFERENCES agents(id),
     resolved_at timestamptz,
     resolution_note text,
     ended_at timestamptz)`,
  `CREATE UNIQUE INDEX warnings_live_key_idx ON warnings (key) WHERE ended_at IS NULL`,
  `CREATE INDEX warnings_opened_idx ON warnings (opened_at)`,
  `CREATE TABLE warning_events (
     id serial PRIMARY KEY,
     warning_id integer NOT NULL REFERENCES warnings(id),
     type text NOT NULL,
     actor_id text,
     data jsonb NOT NULL DEFAULT '{}'::jsonb,
     created_at timestamptz NOT NULL)`,
  `CREATE INDEX warning_events_warning_idx ON warning_events (warning_id, id)`,
  `CREATE TABLE warning_messages (
     warning_id integer NOT NULL REFERENCES warnings(id),
     platform text NOT NULL,
     chat_id text NOT NULL,
     message_ref text NOT NULL,
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (warning_id, platform, chat_id))`,
  // The warnings jobs read recent feedback by time; history imports make this table large.
  `CREATE INDEX feedback_occurred_idx ON feedback (occurred_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
