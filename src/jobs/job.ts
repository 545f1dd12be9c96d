// What a scheduled job is. See scheduler.ts for how runs are claimed, recorded and caught up.
import type { Deps } from '../deps.js';

export interface JobContext {
  deps: Deps;
  /** The clock's time when the run started (Deps.clock, so tests control it). */
  now: Date;
  /** The slot this run stands for: the cron match it belongs to, in the job's time zone. */
  scheduledFor: Date;
  /** True when the run is a catch-up after downtime (it started well after its slot). */
  caughtUp: boolean;
}

export interface JobDefinition {
  /** Unique; also the key of its rows in job_runs and of its advisory lock. */
  name: string;
  /** 5 fields: minute hour day-of-month month day-of-week (node-cron syntax, no seconds). */
  cron: string;
  /** IANA zone the expression is read in; default the scheduler's (JOBS_TIME_ZONE). */
  timezone?: string;
  /** A run still 'running' after this long is taken as crashed and no longer blocks the next (default 10 min). */
  leaseMs?: number;
  run(ctx: JobContext): Promise<void>;
}

export type RunOutcome = 'ok' | 'failed';

export interface RunResult { job: string; scheduledFor: Date; outcome: RunOutcome; durationMs: number; caughtUp: boolean; missedSlots: number; error?: string }
