// Runs the numbered forward-only migrations. Kysely's migrator holds a PostgreSQL advisory lock
// while it works, so two instances starting together apply each migration once.
import { Migrator, sql, type Kysely } from 'kysely';
import { MIGRATIONS } from '../../migrations/index.js';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // The usual start finds nothing to do: one query says so, where the migrator's own check
  // (table and lock set-up, catalogue look-ups) costs half a second on the embedded database.
  if (await allApplied(db)) return [];
  // Numbers are handed out ahead and parts land in any order (012 before 011): a database that
  // already has a later migration still takes an earlier one that landed after it. Each
  // migration stands on those numbered before it that it needs, never on its place in the order.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new MigrationError(`database migration failed: ${String((error as Error).message ?? error)}`, { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has been applied (used by /readyz). */
export async function migrationsDone(db: Kysely<any>): Promise<boolean> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const all = await migrator.getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}

/** True when Kysely's migration table lists every known migration; false when it is missing. */
async function allApplied(db: Kysely<any>): Promise<boolean> {
  const table = await sql<{ name: string | null }>`select to_regclass('kysely_migration')::text as name`.execute(db);
  if (!table.rows[0]?.name) return false;
  const done = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const applied = new Set(done.rows.map((r) => r.name));
  return Object.keys(MIGRATIONS).every((name) => applied.has(name));
}
