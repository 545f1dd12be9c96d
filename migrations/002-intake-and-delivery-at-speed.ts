// Intake by group commit and delivery at each platform's pace. Forward-only.
import { sql, type Kysely } from 'kysely';

const STATEMENTS = [
  // The 10-minute text dedupe as a key instead of a lock and a SELECT: one row per customer and
  // normalised text (its SHA-256), taken over by a new item once the window has passed. An
  // upsert on it waits for a concurrent copy to commit, so two copies never both get in.
  `CREATE TABLE feedback_text_keys (
     customer_id text NOT NULL,
     text_hash text NOT NULL,
     feedback_id text NOT NULL,
     seen_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (customer_id, text_hash))`,
  `CREATE INDEX feedback_text_keys_seen_idx ON feedback_text_keys (seen_at)`,
  `INSERT INTO feedback_text_keys (customer_id, text_hash, feedback_id, seen_at)
     SELECT DISTINCT ON (customer_id, text_norm) customer_id, encode(sha256(convert_to(text_norm, 'UTF8')), 'hex'), id, created_at
     FROM feedback WHERE created_at > now() - interval '10 minutes'
     ORDER BY customer_id, text_norm, created_at DESC`,
  // Items stored without cards (history, or folded into a room's summary) are told apart.
  `ALTER TABLE feedback ADD COLUMN carded boolean NOT NULL DEFAULT true`,
  // Pending messages per chat, in order: the worker reads a chat's head and its run from here,
  // so a claim costs the same with ten pending rows or a hundred thousand.
  `CREATE INDEX outbox_pending_chat_idx ON outbox (platform, chat_id, id) WHERE status = 'pending'`,
  `DROP INDEX outbox_due_idx`,
  // One row per chat the worker has sent to: which instance holds the chat now (a lease of
  // seconds, so a crashed instance's chats are taken over quickly) and when the next message
  // may go (the platform's pace, shared by every instance on this database).
  `CREATE TABLE outbox_chats (
     platform text NOT NULL,
     chat_id text NOT NULL,
     next_send_at timestamptz NOT NULL DEFAULT now(),
     leased_by text,
     leased_until timestamptz,
     PRIMARY KEY (platform, chat_id))`,
  // A room's summary card while its queue is longer than the platform shows in a minute.
  `CREATE TABLE chat_summaries (
     platform text NOT NULL,
     chat_id text NOT NULL,
     message_ref text,
     started_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     counts jsonb NOT NULL DEFAULT '{}'::jsonb,
     PRIMARY KEY (platform, chat_id))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
