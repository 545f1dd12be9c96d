// The span a digest reports on: a calendar day or a Monday-to-Sunday week in the digest's time
// zone, with the span before it for comparison. Days are found by the zone's own calendar, so a
// day across a daylight-saving change is 23 or 25 hours and still one day.

// The calendar arithmetic is the statistics' own, so a digest's day is the day /fb stats counts.
import { addDays, formatLocalDate, localDateOf, parseLocalDate, startOfLocalDate, type LocalDate } from '../stats/zoned-time.js';

export type DigestKind = 'daily' | 'weekly';

export interface DigestPeriod {
  kind: DigestKind;
  timeZone: string;
  /** The first local date of the period, YYYY-MM-DD. */
  date: string;
  /** The last local date of the period (the same as `date` for a day). */
  lastDate: string;
  start: Date;
  /** Exclusive. */
  end: Date;
  previousStart: Date;
}

/**
 * The period `kind` that holds the local date `date` (YYYY-MM-DD); without a date, the last
 * complete one before `now` (yesterday, or last week), which is what a scheduled run reports.
 */
export function digestPeriod(kind: DigestKind, timeZone: string, now: Date, date?: string): DigestPeriod {
  const anchor = date ? parseLocalDate(date) : addDays(localDateOf(now, timeZone), kind === 'daily' ? -1 : -7);
  if (!anchor) throw new RangeError(`not a date: ${date}`);
  const first = kind === 'daily' ? anchor : addDays(anchor, -((weekday(anchor) + 6) % 7));
  const days = kind === 'daily' ? 1 : 7;
  const last = addDays(first, days - 1);
  return {
    kind, timeZone,
    date: formatLocalDate(first), lastDate: formatLocalDate(last),
    start: startOfLocalDate(first, timeZone),
    end: startOfLocalDate(addDays(first, days), timeZone),
    previousStart: startOfLocalDate(addDays(first, -days), timeZone),
  };
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(day: LocalDate): number {
  return new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
}
