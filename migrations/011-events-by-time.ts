// Audit-trail events found by when they happened. Digests count what was resolved, reopened,
// claimed and replied to during a day or week across all items; without this index each digest
// read every event ever written (4 million at a million items: about a second each time).
// Forward-only. A plain (not concurrent) build: migrations run in a transaction, and the build
// holds writes to feedback_events for its few seconds at start-up.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS feedback_events_created_idx ON feedback_events (created_at)`.execute(db);
}
