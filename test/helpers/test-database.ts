// Databases for suites: always an embedded PGlite (a loaded copy of the migrated template), and a
// fresh PostgreSQL database per suite when TEST_DATABASE_URL is set.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { PGLITE_EXTENSIONS, openDatabase, type OpenDatabase } from '../../src/db/open.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export type DatabaseKind = 'pglite' | 'postgres';

/** Use with describe.each(databases): PostgreSQL joins when TEST_DATABASE_URL is set. */
export const databases: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export async function openTestDatabase(kind: DatabaseKind): Promise<OpenDatabase> {
  if (kind === 'pglite') {
    const template = await readFile(inject('pgliteTemplate'));
    const pglite = await PGlite.create({ loadDataDir: new Blob([template]), extensions: PGLITE_EXTENSIONS });
    // The template is already migrated.
    return openDatabase({ pglite });
  }
  const created = await createPostgresDatabase();
  const database = await openDatabase({ url: created.url });
  await migrateToLatest(database.db);
  return {
    ...database,
    async close() {
      await database.close();
      await created.drop();
    },
  };
}

/** A new empty database on the TEST_DATABASE_URL server, for a bot process of a test's own. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `fd_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(admin, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => withAdmin(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) };
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try { return await work(client); } finally { await client.end(); }
}
