// The local chat: idempotent sends (a retried send answers the message already stored) and its
// sign-in (users with password hashes, sessions kept as hashes of their cookie tokens).
import { sql, type Kysely } from 'kysely';

const STATEMENTS = [
  `ALTER TABLE local_messages ADD COLUMN idempotency_key text`,
  `CREATE UNIQUE INDEX local_messages_idempotency_key_idx ON local_messages (idempotency_key)`,
  `CREATE TABLE local_users (
     agent_id text PRIMARY KEY REFERENCES agents(id) ON DELETE CASCADE,
     password_hash text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now())`,
  `CREATE TABLE local_sessions (
     token_hash text PRIMARY KEY,
     agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
     created_at timestamptz NOT NULL DEFAULT now(),
     expires_at timestamptz NOT NULL)`,
  `CREATE INDEX local_sessions_expires_idx ON local_sessions (expires_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
