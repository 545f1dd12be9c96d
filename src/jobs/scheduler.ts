// The scheduler every periodic job runs on (warnings, deadlines, digests).
//
//   deps.jobs.register({ name: 'digest.daily', cron: '0 9 * * *', timezone: 'Asia/Shanghai',
//     async run({ deps, now, scheduledFor, caughtUp }) { … } });
//
// - node-cron fires each job at its slots in real time once start() has been called (the server
//   does; tests call runDue() with a controllable Deps.clock instead and never wait).
// - A run belongs to a slot: the newest cron match at or before the clock's now. It is claimed
//   under the job's PostgreSQL advisory lock by inserting (job, scheduled_for) into job_runs, so
//   with several instances on one database each slot runs once, on whichever claims it first.
// - After downtime only the newest missed slot runs (once, `caughtUp` true, the skipped slots
//   counted in job_runs.missed_slots); the first start of a new job runs its newest slot once.
// - A run that throws is recorded as failed with its error; the next slot runs as usual.
// - stop() stops the timers and waits for runs in progress; no timer of ours keeps the process up.
import { randomBytes } from 'node:crypto';
import { createTask, type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Deps } from '../deps.js';
import { latestSlot, parseCron, slotsBetween, type CronSchedule } from './cron-slot.js';
import { claimSlot, finishRun } from './job-runs-repo.js';
import type { JobDefinition, RunResult } from './job.js';

export interface Scheduler {
  /** Throws CronError on a bad expression or zone, and Error on a name used twice. */
  register(job: JobDefinition): void;
  /** Starts the real-time timers and catches up missed slots in the background. */
  start(): void;
  /** Stops the timers and waits for runs in progress. Safe to call twice. */
  stop(): Promise<void>;
  /** Runs every job whose newest slot (at `now`, default the clock's) is unclaimed; answers the runs this instance made. */
  runDue(now?: Date): Promise<RunResult[]>;
  /** Runs one job's newest slot if unclaimed; null when there was nothing to run here. */
  runJob(name: string, now?: Date): Promise<RunResult | null>;
  readonly names: string[];
}

/** A run that starts this long after its slot counts as a catch-up. */
const LATE_AFTER_MS = 60_000;
const DEFAULT_LEASE_MS = 10 * 60_000;

interface Registered { job: JobDefinition; schedule: CronSchedule; task?: ScheduledTask }

export function createScheduler(o: { deps: () => Deps; log: Logger; timeZone: string; instance?: string }): Scheduler {
  const instance = o.instance ?? `${process.pid}-${randomBytes(3).toString('hex')}`;
  const jobs = new Map<string, Registered>();
  const inFlight = new Set<Promise<unknown>>();
  let started = false;

  function track<T>(p: Promise<T>): Promise<T> {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => {});
    return p;
  }

  function arm(entry: Registered) {
    // unref: the HTTP server keeps the process alive, never a job's timer.
    entry.task = createTask(entry.schedule.expression, (ctx) => {
      // Fired by node-cron at the slot; the slot is taken from the later of the clock and the fire time.
      const clockNow = o.deps().clock.now();
      const now = ctx.date.getTime() > clockNow.getTime() ? ctx.date : clockNow;
      void track(runJob(entry.job.name, now)).catch((error: unknown) => o.log.error({ err: error, job: entry.job.name }, 'job tick failed'));
    }, { timezone: entry.schedule.timeZone, name: `fd:${entry.job.name}`, noOverlap: true, unref: true });
    void entry.task.start();
  }

  async function runJob(name: string, at?: Date): Promise<RunResult | null> {
    const entry = jobs.get(name);
    if (!entry) throw new Error(`no job named ${name}`);
    const deps = o.deps();
    const now = at ?? deps.clock.now();
    const slot = latestSlot(entry.schedule, now);
    if (!slot) return null;
    const caughtUp = now.getTime() - slot.getTime() > LATE_AFTER_MS;
    const claim = await claimSlot(deps.db, {
      job: name, slot, now, instance, caughtUp, leaseMs: entry.job.leaseMs ?? DEFAULT_LEASE_MS,
      missedSlotsSince: (previous) => slotsBetween(entry.schedule, previous, slot),
    });
    if (!claim) return null;
    const { missedSlots } = claim;
    if (caughtUp) o.log.info({ job: name, scheduledFor: slot, missedSlots }, 'catching up a missed job run');
    const began = performance.now();
    let error: string | undefined;
    try {
      await entry.job.run({ deps, now, scheduledFor: slot, caughtUp });
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      o.log.error({ err: e, job: name, scheduledFor: slot }, 'job run failed');
    }
    const durationMs = Math.round(performance.now() - began);
    const outcome = error === undefined ? 'ok' : 'failed';
    await finishRun(deps.db, claim.id, { finishedAt: deps.clock.now(), durationMs, outcome, ...(error !== undefined ? { error: error.slice(0, 1000) } : {}) });
    return { job: name, scheduledFor: slot, outcome, durationMs, caughtUp, missedSlots, ...(error !== undefined ? { error } : {}) };
  }

  return {
    get names() { return [...jobs.keys()]; },
    register(job) {
      if (jobs.has(job.name)) throw new Error(`job ${job.name} is registered twice`);
      const entry: Registered = { job, schedule: parseCron(job.cron, job.timezone ?? o.timeZone) };
      jobs.set(job.name, entry);
      if (started) {
        arm(entry);
        void track(runJob(job.name)).catch((error: unknown) => o.log.error({ err: error, job: job.name }, 'job catch-up failed'));
      }
    },
    start() {
      if (started) return;
      started = true;
      for (const entry of jobs.values()) arm(entry);
      void track(this.runDue()).catch((error: unknown) => o.log.error({ err: error }, 'job catch-up failed'));
    },
    async stop() {
      started = false;
      for (const entry of jobs.values()) {
        await entry.task?.destroy();
        entry.task = undefined;
      }
      await Promise.allSettled([...inFlight]);
    },
    async runDue(now) {
      const results: RunResult[] = [];
      // One job after another: the runs share the database with intake and delivery.
      for (const name of jobs.keys()) {
        const result = await track(runJob(name, now));
        if (result) results.push(result);
      }
      return results;
    },
    runJob: (name, now) => track(runJob(name, now)),
  };
}
