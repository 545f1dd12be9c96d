// Cron expressions as the scheduler needs them: node-cron fires them in real time; this finds the
// slot a run belongs to (the newest match at or before "now", in the job's time zone), so a run
// after downtime, a run on another instance and a run under a test clock all name the same slot.
import { parse, validate } from 'node-cron';

export interface CronSchedule {
  expression: string;
  timeZone: string;
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
}

/** A 5-field expression (minute hour day month weekday) with numbers, ranges, lists, steps and names. */
export class CronError extends Error {
  override name = 'CronError';
}

/** Throws CronError for anything node-cron would not run the same way (6 fields, L, #). */
export function parseCron(expression: string, timeZone: string): CronSchedule {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5 || !validate(expression)) throw new CronError(`not a 5-field cron expression: ${expression}`);
  const p = parse(expression);
  const numeric = [p.dayOfMonth, p.dayOfWeek].every((values) => values.every((v) => typeof v === 'number'));
  if (!numeric) throw new CronError(`cron expression uses L or # (not supported): ${expression}`);
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new CronError(`unknown time zone: ${timeZone}`);
  }
  return {
    expression, timeZone,
    minutes: new Set(p.minute), hours: new Set(p.hour), days: new Set(p.dayOfMonth as number[]),
    months: new Set(p.month), weekdays: new Set((p.dayOfWeek as number[]).map((d) => d % 7)),
  };
}

/** Far enough back for a yearly expression, close enough to stop a search for a date that never comes (30 Feb). */
const SEARCH_MINUTES = 400 * 24 * 60;

/** The newest slot at or before `now`, or null when none lies within about a year. */
export function latestSlot(schedule: CronSchedule, now: Date): Date | null {
  let t = Math.floor(now.getTime() / 60_000) * 60_000;
  const stop = t - SEARCH_MINUTES * 60_000;
  while (t > stop) {
    const p = localParts(t, schedule.timeZone);
    // Skip a day or an hour at once when it cannot match: a weekly slot is a few hundred steps away, not ten thousand.
    if (!schedule.months.has(p.month) || !schedule.days.has(p.day) || !schedule.weekdays.has(p.weekday)) {
      t -= (p.hour * 60 + p.minute + 1) * 60_000;
    } else if (!schedule.hours.has(p.hour)) {
      t -= (p.minute + 1) * 60_000;
    } else if (!schedule.minutes.has(p.minute)) {
      t -= 60_000;
    } else return new Date(t);
  }
  return null;
}

/** How many slots lie strictly between `after` and `before` (stops counting at `cap`). */
export function slotsBetween(schedule: CronSchedule, after: Date, before: Date, cap = 1000): number {
  let count = 0;
  let cursor = new Date(before.getTime() - 60_000);
  while (count < cap) {
    const slot = latestSlot(schedule, cursor);
    if (!slot || slot.getTime() <= after.getTime()) break;
    count++;
    cursor = new Date(slot.getTime() - 60_000);
  }
  return count;
}

interface LocalParts { month: number; day: number; hour: number; minute: number; weekday: number }

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function localParts(ms: number, timeZone: string): LocalParts {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, string> = {};
  for (const part of f.formatToParts(ms)) parts[part.type] = part.value;
  return { month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), weekday: WEEKDAYS[parts.weekday!] ?? 0 };
}
