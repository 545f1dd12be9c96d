// Digests and exports: each digest is stored once with its chart (rooms are sent it through the
// outbox, and a link can show the chart later); each export's workbook is kept until its link
// expires. (Items are read by when they occurred: migration 006 indexes that column.)
import { sql, type Kysely } from 'kysely';

const STATEMENTS = [
  `CREATE TABLE digests (
     id text PRIMARY KEY,
     kind text NOT NULL CHECK (kind IN ('daily', 'weekly')),
     date text NOT NULL,
     time_zone text NOT NULL,
     data jsonb NOT NULL,
     chart bytea NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now())`,
  `CREATE TABLE exports (
     id text PRIMARY KEY,
     requested_by text REFERENCES agents(id),
     filename text NOT NULL,
     bytes bytea NOT NULL,
     rows integer NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     expires_at timestamptz NOT NULL)`,
  `CREATE INDEX exports_expires_idx ON exports (expires_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
