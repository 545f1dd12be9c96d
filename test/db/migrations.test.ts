// Migrations at start: two instances starting together apply each migration once.
import { afterAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest, migrationsDone } from '../../src/db/migrate.js';
import { openDatabase, type OpenDatabase } from '../../src/db/open.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const url = process.env.TEST_DATABASE_URL;

describe.runIf(url)('postgres: migrations', () => {
  const opened: OpenDatabase[] = [];
  const name = `fd_mig_${randomBytes(5).toString('hex')}`;
  afterAll(async () => {
    for (const o of opened) await o.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  test('two instances migrating at once apply every migration exactly once', async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const target = new URL(url!);
    target.pathname = `/${name}`;
    const a = await openDatabase({ url: target.toString() });
    const b = await openDatabase({ url: target.toString() });
    opened.push(a, b);
    const [ranA, ranB] = await Promise.all([migrateToLatest(a.db), migrateToLatest(b.db)]);
    expect([...ranA, ...ranB].sort()).toEqual(Object.keys(MIGRATIONS).sort());
    expect(await migrationsDone(a.db)).toBe(true);
    const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = 'feedback'`.execute(a.db);
    expect(tables.rows[0].n).toBe(1);
  });
});
