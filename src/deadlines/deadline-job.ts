// The deadline sweep as a scheduled job: every minute, once across all instances (the scheduler's
// advisory lock and job_runs); a run after downtime catches up everything at once, since the
// sweep takes every step still owed whatever its age.
import type { Deps } from '../deps.js';
import { localDay } from '../domain/business-time.js';
import { sweepDeadlines } from './sweep.js';

export const DEADLINE_SWEEP_JOB = 'deadlines.sweep';

export function registerDeadlineJob(deps: Deps): void {
  warnOfStaleCalendar(deps);
  deps.jobs.register({
    name: DEADLINE_SWEEP_JOB,
    cron: '* * * * *',
    async run({ deps: d, now }) {
      const taken = await sweepDeadlines(d, now);
      if (taken.length === 0) return;
      d.outbox.kick();
      d.log.info({ steps: taken.length, items: new Set(taken.map((s) => s.itemId)).size }, 'deadline steps taken');
    },
  });
}

/** A calendar that ends before next year counts next year's holidays as working days: say so at start. */
function warnOfStaleCalendar(deps: Deps): void {
  const { clock, calendarInfo } = deps.config.deadlines;
  // No business hours, or no calendar chosen (HOLIDAY_CALENDAR=none and no file): nothing to date.
  const lastYear = calendarInfo?.lastYear ?? null;
  if (clock.kind !== 'business' || lastYear === null) return;
  if (lastYear > localDay(deps.clock.now().getTime(), clock.timeZone).year) return;
  deps.log.warn({ lastYear, holidaysFileUpdated: calendarInfo?.fileUpdated ?? null },
    'the holiday calendar has no dates for next year yet: update chinese-days or add them to HOLIDAYS_FILE (README "Time limits")');
}
