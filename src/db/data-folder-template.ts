// A migrated, empty embedded database made once (at `npm install`, or at the first build after
// the migrations or PGlite changed), and copied into a new data folder instead of running
// PostgreSQL's initdb there: initdb is most of a first start (about 5 s), a copy well under one.
// The copy is a cold backup of a cleanly closed database, which PostgreSQL opens as its own.
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type Extensions } from '@electric-sql/pglite';
import { MIGRATIONS } from '../../migrations/index.js';

/** PostgreSQL writes this file first in every data folder it makes. */
const MARKER = 'PG_VERSION';

/**
 * Where the template for this PGlite version and these migrations lives, or undefined when
 * there is no node_modules to keep it in. Named by both, so a stale template is never used.
 */
export async function templateFolder(): Promise<string | undefined> {
  const modules = nearestNodeModules(dirname(fileURLToPath(import.meta.url)));
  if (!modules) return undefined;
  const { version } = JSON.parse(await readFile(join(modules, '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string };
  const migrations = createHash('sha256').update(Object.keys(MIGRATIONS).join('\n')).digest('hex').slice(0, 12);
  return join(modules, '.cache', 'feedback-desk', `db-template-${version}-${migrations}`);
}

/** True when `dir` holds no database yet. */
export function isNewDataFolder(dir: string): boolean {
  return !existsSync(join(dir, MARKER));
}

/** Copies the template into a data folder that holds no database yet; false when there is none. */
export async function seedFromTemplate(dir: string, template?: string): Promise<boolean> {
  template ??= await templateFolder();
  if (!template || !existsSync(join(template, MARKER))) return false;
  // Not over anything: the folder may hold the bot's key files and its lock already.
  await cp(template, dir, { recursive: true, force: false, errorOnExist: false });
  return true;
}

/**
 * Makes the template unless it exists. `migrate` brings a new database to the latest schema
 * (passed in so this file does not load the whole data layer). Built in a scratch folder and
 * renamed into place, so a half-made template is never found.
 */
export async function makeTemplate(
  extensions: Extensions,
  migrate: (pglite: PGlite) => Promise<void>,
  target?: string,
): Promise<'made' | 'present' | 'no node_modules'> {
  target ??= await templateFolder();
  if (!target) return 'no node_modules';
  if (existsSync(join(target, MARKER))) return 'present';
  await mkdir(dirname(target), { recursive: true });
  const scratch = await mkdtemp(`${target}.making-`);
  try {
    const pglite = await PGlite.create({ dataDir: scratch, extensions });
    try { await migrate(pglite); } finally { await pglite.close(); }
    await rename(scratch, target);
    // Templates for older migrations or another PGlite are never used again.
    for (const name of await readdir(dirname(target))) {
      if (name.startsWith('db-template-') && !name.includes('.making-') && join(dirname(target), name) !== target) await rm(join(dirname(target), name), { recursive: true, force: true });
    }
    return 'made';
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function nearestNodeModules(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules');
    if (existsSync(join(candidate, '@electric-sql', 'pglite'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
