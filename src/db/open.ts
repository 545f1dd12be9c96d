// Opens the database the configuration names: a PostgreSQL server through a pg Pool when a URL
// is given, otherwise the embedded PGlite kept in a folder, which this process locks for itself.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataFolder, type FolderLock } from './folder-lock.js';
import { createPgliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

export type DatabaseTarget = { url: string } | { dir: string } | { pglite: PGlite };

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

function openPostgres(url: string, max: number, asyncCommit = false): OpenDatabase {
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
  return { db, kind: 'postgres', close: () => db.destroy(), openPool: (n, options) => openPostgres(url, n, options?.asyncCommit) };
}

export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  if ('url' in target) return openPostgres(target.url, 10);
  let client: PGlite;
  let lock: FolderLock | undefined;
  if ('pglite' in target) client = target.pglite;
  else {
    await mkdir(target.dir, { recursive: true });
    // Throws DataDirLockedError, before PGlite touches the folder, when another bot owns it.
    lock = await lockDataFolder(target.dir);
    try {
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
