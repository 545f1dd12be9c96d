// A new data folder starts from the ready-made empty database: migrated, and without touching the
// files the bot already put in the folder; a folder that holds a database is never overwritten.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isNewDataFolder, makeTemplate, seedFromTemplate } from '../../src/db/data-folder-template.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { PGLITE_EXTENSIONS, openDatabase } from '../../src/db/open.js';
import { MIGRATIONS } from '../../migrations/index.js';

describe('the ready-made empty database for new data folders', { timeout: 120_000 }, () => {
  let scratch: string;
  let template: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'fd-template-test-'));
    template = join(scratch, 'template');
    const migrate = async (pglite: Parameters<Parameters<typeof makeTemplate>[1]>[0]) => {
      await migrateToLatest((await openDatabase({ pglite })).db);
    };
    expect(await makeTemplate(PGLITE_EXTENSIONS, migrate, template)).toBe('made');
    expect(await makeTemplate(PGLITE_EXTENSIONS, migrate, template)).toBe('present');
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  test('a new folder opens migrated, its own files untouched', async () => {
    const dir = join(scratch, 'new');
    await mkdir(dir);
    await writeFile(join(dir, 'encryption.key'), 'the bot key');
    expect(isNewDataFolder(dir)).toBe(true);
    expect(await seedFromTemplate(dir, template)).toBe(true);
    expect(await readFile(join(dir, 'encryption.key'), 'utf8')).toBe('the bot key');

    const database = await openDatabase({ dir });
    try {
      const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
      expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS).sort());
      expect(await migrateToLatest(database.db)).toEqual([]);
    } finally {
      await database.close();
    }
    expect(isNewDataFolder(dir)).toBe(false);
  });

  test('no template: nothing is copied and the folder stays new', async () => {
    const dir = join(scratch, 'none');
    expect(await seedFromTemplate(dir, join(scratch, 'missing'))).toBe(false);
    expect(isNewDataFolder(dir)).toBe(true);
  });
});
