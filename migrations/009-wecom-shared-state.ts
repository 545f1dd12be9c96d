// WeCom state that every instance must share and a restart must keep: the response codes that
// update a sent template_card (each usable once, for 72 h), the prompts waiting for an agent's
// next text (10 minutes), and the per-member send pace (WeCom drops app messages to one member
// beyond 30 a minute without an error).
import { sql, type Kysely } from 'kysely';

const STATEMENTS = [
  `CREATE TABLE wecom_response_codes (
     response_code text PRIMARY KEY,
     task_id text NOT NULL,
     seq bigserial NOT NULL,
     expires_at timestamptz NOT NULL,
     used_at timestamptz)`,
  `CREATE INDEX wecom_response_codes_task_idx ON wecom_response_codes (task_id, seq DESC)`,
  `CREATE INDEX wecom_response_codes_expires_idx ON wecom_response_codes (expires_at)`,
  `CREATE TABLE wecom_prompts (
     user_id text PRIMARY KEY,
     prompt_id text NOT NULL,
     item_id text NOT NULL,
     action text NOT NULL,
     input text NOT NULL,
     label text NOT NULL,
     until timestamptz NOT NULL,
     taken_by text,
     told_at timestamptz)`,
  `CREATE INDEX wecom_prompts_until_idx ON wecom_prompts (until)`,
  // recent: the times (ms) of the member's last sends, for the per-minute count; tat: the
  // theoretical arrival time (ms) of the hourly rate (a generic cell rate algorithm).
  `CREATE TABLE wecom_member_pace (
     user_id text PRIMARY KEY,
     recent float8[] NOT NULL DEFAULT '{}',
     tat float8 NOT NULL DEFAULT 0)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
