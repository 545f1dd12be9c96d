// Attachments: pictures and files that came with an item, kept in the database with the item
// (written in the same statement as the item, so an item is stored with all of them or not at
// all, and every instance sharing one PostgreSQL can serve them; a data folder is not shared).
// feishu_image_keys remembers each picture's image_key per Feishu app, keyed by the bytes'
// SHA-256, so a restart, a second instance or the same picture on another item never uploads
// it again; a picture Feishu refused is remembered for a while too (failed_at) and retried later.
import { sql, type Kysely } from 'kysely';

const STATEMENTS = [
  `CREATE TABLE attachments (
     id text PRIMARY KEY,
     feedback_id text NOT NULL REFERENCES feedback(id) ON DELETE CASCADE,
     ord integer NOT NULL,
     name text NOT NULL,
     content_type text NOT NULL,
     size integer NOT NULL CHECK (size > 0),
     sha256 text NOT NULL,
     bytes bytea NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now())`,
  `CREATE INDEX attachments_feedback_idx ON attachments (feedback_id, ord)`,
  `CREATE TABLE feishu_image_keys (
     app_id text NOT NULL,
     sha256 text NOT NULL,
     image_key text,
     failed_at timestamptz,
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (app_id, sha256))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
