// Which dates are days off and which weekend dates are make-up workdays (调休). Plain data: the
// loader (src/deadlines/holiday-calendar.ts) reads the package data and the operator's file.
import { z } from 'zod';

export interface HolidayCalendar {
  /** "YYYY-MM-DD" dates off work even when their weekday is a working day (春节, 国庆节…). */
  holidays: ReadonlySet<string>;
  /** "YYYY-MM-DD" dates worked even when their weekday is not (调休 make-up days). */
  workdays: ReadonlySet<string>;
  /** The last year the calendar has dates for; later years fall back to plain weekdays. */
  lastYear: number | null;
}

export const EMPTY_CALENDAR: HolidayCalendar = Object.freeze({ holidays: new Set<string>(), workdays: new Set<string>(), lastYear: null });

/** A make-up workday beats its weekday; a holiday beats everything. */
export function isWorkingDay(calendar: HolidayCalendar, key: string, weekday: number, days: readonly number[]): boolean {
  if (calendar.holidays.has(key)) return false;
  if (calendar.workdays.has(key)) return true;
  return days.includes(weekday);
}

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'YYYY-MM-DD' }).refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), { error: 'not a date' });

/** The operator's holiday file: dated, so a stale one can be told from a current one. */
export const HolidayFileSchema = z.object({
  updated: DATE,
  source: z.string().optional(),
  holidays: z.array(DATE),
  workdays: z.array(DATE).default([]),
});
export type HolidayFile = z.infer<typeof HolidayFileSchema>;

/**
 * Merges calendars; a later one wins for the dates it names, so an operator's file corrects the
 * package (a date it lists as a workday stops being a holiday, and the other way round).
 */
export function mergeCalendars(...calendars: { holidays: Iterable<string>; workdays: Iterable<string> }[]): HolidayCalendar {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const c of calendars) {
    for (const d of c.holidays) { holidays.add(d); workdays.delete(d); }
    for (const d of c.workdays) { workdays.add(d); holidays.delete(d); }
  }
  const years = [...holidays, ...workdays].map((d) => Number(d.slice(0, 4)));
  return { holidays, workdays, lastYear: years.length ? Math.max(...years) : null };
}
