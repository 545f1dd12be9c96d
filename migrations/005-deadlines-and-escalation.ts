// Time limits that are kept: the deadline clock's state on each item (paused while waiting on
// the customer, a cycle per reopen, the response of the current cycle), one row per reminder or
// escalation step so that no step is sent twice, and the manager role the chain climbs to.
import { sql, type Kysely } from 'kysely';

const STATEMENTS = [
  // When the clock stopped (the item waits on the customer); null while it runs.
  `ALTER TABLE feedback ADD COLUMN paused_at timestamptz`,
  // Each reopen starts a new cycle with fresh deadlines; steps are keyed by cycle.
  `ALTER TABLE feedback ADD COLUMN deadline_cycle integer NOT NULL DEFAULT 0`,
  // The first answer of the current cycle (first_response_at keeps the very first, for statistics).
  `ALTER TABLE feedback ADD COLUMN responded_at timestamptz`,
  `UPDATE feedback SET responded_at = first_response_at`,
  // The primary key is the once-only guard: two sweeps racing insert one row, and only the
  // winner enqueues the step's messages and event in the same transaction.
  `CREATE TABLE deadline_steps (
     feedback_id text NOT NULL REFERENCES feedback(id),
     cycle integer NOT NULL,
     deadline text NOT NULL CHECK (deadline IN ('response', 'resolve')),
     step text NOT NULL,
     due_at timestamptz NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (feedback_id, cycle, deadline, step))`,
  // The sweep reads open items whose clock runs, soonest deadline first.
  `CREATE INDEX feedback_deadline_watch_idx ON feedback (response_due_at, resolve_due_at)
     WHERE state IN ('new', 'claimed', 'escalated', 'waiting_customer')`,
  `ALTER TABLE agents DROP CONSTRAINT IF EXISTS agents_role_check`,
  `ALTER TABLE agents ADD CONSTRAINT agents_role_check CHECK (role IN ('agent', 'supervisor', 'manager', 'admin'))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
