// Migrations at start: a second run changes nothing, and on PostgreSQL two instances starting
// together apply each migration exactly once.
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { migrateToLatest, migrationsDone } from '../../src/db/migrate.js';
import { openDatabase, type OpenDatabase } from '../../src/db/open.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { databases, openTestDatabase } from '../helpers/test-database.js';

describe.each(databases)('%s: migrations', (kind) => {
  const opened: OpenDatabase[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const o of opened) await o.close();
    for (const c of cleanups) await c();
  });

  test('a migrated database reports done, and migrating again applies nothing', async () => {
    const database = await openTestDatabase(kind);
    opened.push(database);
    expect(await migrationsDone(database.db)).toBe(true);
    expect(await migrateToLatest(database.db)).toEqual([]);
  });

  test('a database that took a later-numbered migration first still takes an earlier one landed after it', async () => {
    const database = await openTestDatabase(kind);
    opened.push(database);
    // As a database migrated before 011 existed but after 012 did: without 011's index.
    await sql`DROP INDEX feedback_events_created_idx`.execute(database.db);
    await sql`DELETE FROM kysely_migration WHERE name = '011-events-by-time'`.execute(database.db);
    expect(await migrationsDone(database.db)).toBe(false);
    expect(await migrateToLatest(database.db)).toEqual(['011-events-by-time']);
    const index = await sql<{ name: string | null }>`select to_regclass('feedback_events_created_idx')::text as name`.execute(database.db);
    expect(index.rows[0].name).toBe('feedback_events_created_idx');
  });

  test('two instances migrating a fresh database at once apply every migration exactly once', async () => {
    if (kind === 'pglite') {
      // One embedded database belongs to one process: the second instance is a second run.
      const database = await openDatabase({ dir: await freshDir(), fromTemplate: false });
      opened.push(database);
      const first = await migrateToLatest(database.db);
      const second = await migrateToLatest(database.db);
      expect([...first, ...second]).toEqual(Object.keys(MIGRATIONS));
      return;
    }
    const url = process.env.TEST_DATABASE_URL!;
    const name = `fd_mig_${randomBytes(5).toString('hex')}`;
    await admin(url, `CREATE DATABASE ${name}`);
    cleanups.push(() => admin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    const target = new URL(url);
    target.pathname = `/${name}`;
    const a = await openDatabase({ url: target.toString() });
    const b = await openDatabase({ url: target.toString() });
    opened.push(a, b);
    const [ranA, ranB] = await Promise.all([migrateToLatest(a.db), migrateToLatest(b.db)]);
    expect([...ranA, ...ranB].sort()).toEqual(Object.keys(MIGRATIONS).sort());
    const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = 'feedback'`.execute(a.db);
    expect(tables.rows[0].n).toBe(1);
  });
});

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try { await client.query(statement); } finally { await client.end(); }
}

async function freshDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'fd-migrate-'));
}
