// Opens the database the configuration names: a PostgreSQL server through a pg Pool when a URL
// is given, otherwise the embedded PGlite kept in a folder, which this process locks for itself.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { isNewDataFolder, seedFromTemplate } from './data-folder-template.js';
import { lockDataFolder, type FolderLock } from './folder-lock.js';
import { createPgliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

/** `fromTemplate: false` makes a new folder's database with initdb even when a template exists. */
export type DatabaseTarget = { url: string } | { dir: string; fromTemplate?: boolean } | { pglite: PGlite };

export interface OpenDatabase {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
  /**
   * A second pool on the same server (the delivery worker's own connections); PostgreSQL only.
   * `asyncCommit`: its commits do not wait for the disk (synchronous_commit = off).
   */
  openPool?(max: number, options?: { asyncCommit?: boolean }): OpenDatabase;
}

/** Every PGlite open registers the extensions the migrations use: without them it can hang. */
export const PGLITE_EXTENSIONS = { pg_trgm };

type PgModule = typeof pg;

function openPostgres(pg: PgModule, url: string, max: number, asyncCommit = false): OpenDatabase {
  // A server that stops answering fails a request within the connect timeout (answered 503 with
  // Retry-After), instead of holding it until the client gives up; keep-alive notices dead peers.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000, keepAlive: true,
    ...(asyncCommit ? { options: '-c synchronous_commit=off' } : {}) });
  // A client that loses its server must not crash the process: the pool listens on idle clients,
  // and this listener covers a checked-out client between two queries of a transaction (its
  // next query fails instead, and the request is answered 503).
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy(), openPool: (n, options) => openPostgres(pg, url, n, options?.asyncCommit) };
}

export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  // pg loads only when a server is named: the embedded database never needs it.
  if ('url' in target) return openPostgres((await import('pg')).default, target.url, 10);
  let client: PGlite;
  let lock: FolderLock | undefined;
  if ('pglite' in target) client = target.pglite;
  else {
    await mkdir(target.dir, { recursive: true });
    // Throws DataDirLockedError, before PGlite touches the folder, when another bot owns it.
    lock = await lockDataFolder(target.dir);
    try {
      // A new folder starts from the ready-made empty database when there is one (see the file).
      if (target.fromTemplate !== false && isNewDataFolder(target.dir)) await seedFromTemplate(target.dir);
      client = await PGlite.create({ dataDir: target.dir, extensions: PGLITE_EXTENSIONS });
    } catch (error) {
      await lock.release();
      throw error;
    }
  }
  const db = new Kysely<Database>({ dialect: createPgliteDialect(client) });
  return {
    db, kind: 'pglite',
    async close() {
      try { await db.destroy(); } finally { await lock?.release(); }
    },
  };
}
