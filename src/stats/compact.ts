// Folds pending deltas into stats_hourly. Intake and card actions only ever insert deltas (no row
// that every writer updates); this is the one place that updates rollup rows, in key order, one
// instance at a time.
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/schema.js';

const MEASURES = ['received', 'negative', 'responded', 'response_secs', 'response_late', 'resolved', 'resolve_secs', 'resolve_late', 'closed'];
/** Any number that is the same on every instance: the advisory lock that keeps compaction single. */
const COMPACT_LOCK = 7_007_001;

/** Returns how many delta rows were folded (0 when another instance is folding right now). */
export async function compactStatsDeltas(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows: [lock] } = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${COMPACT_LOCK}) AS ok`.execute(trx);
    if (!lock.ok) return 0;
    // DELETE … RETURNING takes exactly the deltas this snapshot sees; ones committed meanwhile stay for next time.
    const { rows } = await sql<{ n: number }>`
      WITH moved AS (DELETE FROM stats_deltas RETURNING *),
      folded AS (
        INSERT INTO stats_hourly AS h (hour, dim, val, ${sql.raw(MEASURES.join(', '))})
        SELECT hour, dim, val, ${sql.raw(MEASURES.map((m) => `sum(${m})`).join(', '))} FROM moved
        GROUP BY hour, dim, val ORDER BY dim, hour, val
        ON CONFLICT (dim, hour, val) DO UPDATE SET ${sql.raw(MEASURES.map((m) => `${m} = h.${m} + excluded.${m}`).join(', '))}
        RETURNING 1)
      SELECT (SELECT count(*) FROM moved)::int AS n`.execute(trx);
    return rows[0].n;
  });
}

export interface StatsCompactor { stop(): Promise<void> }

/** Folds deltas every `everyMs` until stopped. */
export function startStatsCompactor(db: Kysely<Database>, log: Logger, everyMs = 10_000): StatsCompactor {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    running ??= compactStatsDeltas(db)
      .catch((error) => log.warn({ err: error instanceof Error ? error.message : String(error) }, 'folding statistics failed'))
      .finally(() => { running = undefined; });
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
