// job_runs rows: claiming a slot under the job's advisory lock, and recording how the run ended.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface Claim { id: number; missedSlots: number }

/**
 * Claims `slot` for this instance, or answers null when another instance holds the job's lock
 * right now, a run of the job is still in progress (younger than `leaseMs`), or the slot is
 * already recorded. The transaction-scoped advisory lock serialises the decision across
 * instances (PGlite honours it too); the unique (job, scheduled_for) keeps each slot to one run
 * even without it.
 */
export async function claimSlot(db: Kysely<Database>, o: { job: string; slot: Date; now: Date; instance: string; leaseMs: number; caughtUp: boolean; missedSlotsSince: (previous: Date) => number }): Promise<Claim | null> {
  return db.transaction().execute(async (trx) => {
    const lock = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext(${`fd.job:${o.job}`})) as locked`.execute(trx);
    if (!lock.rows[0]?.locked) return null;
    const staleBefore = new Date(o.now.getTime() - o.leaseMs);
    // A run left 'running' by a crashed instance no longer blocks the job once its lease is over.
    await trx.updateTable('job_runs').set({ outcome: 'abandoned', error: 'instance stopped during the run' })
      .where('job', '=', o.job).where('outcome', '=', 'running').where('started_at', '<=', staleBefore).execute();
    const busy = await trx.selectFrom('job_runs').select('id')
      .where('job', '=', o.job).where('outcome', '=', 'running').executeTakeFirst();
    if (busy) return null;
    const previous = await trx.selectFrom('job_runs').select('scheduled_for')
      .where('job', '=', o.job).orderBy('scheduled_for', 'desc').limit(1).executeTakeFirst();
    if (previous && previous.scheduled_for.getTime() >= o.slot.getTime()) return null;
    const missedSlots = previous ? o.missedSlotsSince(previous.scheduled_for) : 0;
    const inserted = await trx.insertInto('job_runs')
      .values({ job: o.job, scheduled_for: o.slot, started_at: o.now, instance: o.instance, caught_up: o.caughtUp, missed_slots: missedSlots })
      .onConflict((oc) => oc.columns(['job', 'scheduled_for']).doNothing())
      .returning('id').executeTakeFirst();
    return inserted ? { id: inserted.id, missedSlots } : null;
  });
}

export async function finishRun(db: Kysely<Database>, id: number, o: { finishedAt: Date; durationMs: number; outcome: 'ok' | 'failed'; error?: string }): Promise<void> {
  await db.updateTable('job_runs')
    .set({ finished_at: o.finishedAt, duration_ms: o.durationMs, outcome: o.outcome, error: o.error ?? null })
    .where('id', '=', id).execute();
}

export interface JobRunRow { job: string; scheduledFor: Date; startedAt: Date; durationMs: number | null; outcome: string; error: string | null; instance: string; caughtUp: boolean; missedSlots: number }

/** The newest runs first, of one job or all. */
export async function recentRuns(db: Kysely<Database>, o: { job?: string; limit?: number } = {}): Promise<JobRunRow[]> {
  let q = db.selectFrom('job_runs').selectAll().orderBy('scheduled_for', 'desc').orderBy('id', 'desc').limit(o.limit ?? 50);
  if (o.job) q = q.where('job', '=', o.job);
  return (await q.execute()).map((r) => ({
    job: r.job, scheduledFor: r.scheduled_for, startedAt: r.started_at, durationMs: r.duration_ms, outcome: r.outcome,
    error: r.error, instance: r.instance, caughtUp: r.caught_up, missedSlots: r.missed_slots,
  }));
}
