// Opens the database the configuration names: a PostgreSQL server through a pg Pool when a URL
// is given, otherwise the embedded PGlite kept in a folder.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createPgliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

export type DatabaseTarget = { url: string } | { dir: string } | { pglite: PGlite };

export interface OpenDatabase {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/** Every PGlite open registers the extensions the migrations use: without them it can hang. */
export const PGLITE_EXTENSIONS = { pg_trgm };

export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  if ('url' in target) {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // An idle client that loses its server must not crash the process.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  let client: PGlite;
  if ('pglite' in target) client = target.pglite;
  else {
    await mkdir(target.dir, { recursive: true });
    client = await PGlite.create({ dataDir: target.dir, extensions: PGLITE_EXTENSIONS });
  }
  const db = new Kysely<Database>({ dialect: createPgliteDialect(client) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}
