// Working-time arithmetic: adding working minutes to an instant and measuring the working minutes
// between two instants, in a time zone with working days, working hours and a holiday calendar
// (China's public holidays and make-up workdays, 调休). Pure: the calendar is data, no clock.
import { isWorkingDay, type HolidayCalendar } from './business-calendar.js';

/** Round the clock: every minute counts. */
export interface WallClock { kind: 'wall' }

export interface BusinessHours {
  kind: 'business';
  /** IANA zone the working hours and dates are read in, e.g. Asia/Shanghai. */
  timeZone: string;
  /** ISO weekdays, 1 (Monday) to 7 (Sunday), that are working days unless the calendar says otherwise. */
  days: readonly number[];
  /** Minutes after local midnight: work starts at `startMinute` and stops at `endMinute` (at most 1440). */
  startMinute: number;
  endMinute: number;
  calendar: HolidayCalendar;
}

export type DeadlineClock = WallClock | BusinessHours;

export const WALL_CLOCK: WallClock = Object.freeze({ kind: 'wall' });

const MINUTE = 60_000;
/** Ten years of days: a calendar with no working day at all must end the walk, not hang it. */
const MAX_DAYS = 3_660;

/**
 * The instant `minutes` of working time after `from`. Zero minutes is `from` itself. Throws
 * RangeError when no working minute exists within ten years (no working day configured).
 */
export function addWorkingMinutes(clock: DeadlineClock, from: Date, minutes: number): Date {
  if (clock.kind === 'wall' || minutes <= 0) return new Date(from.getTime() + Math.max(0, minutes) * MINUTE);
  let remaining = minutes * MINUTE;
  let cursor = from.getTime();
  for (let n = 0; n < MAX_DAYS; n++) {
    const day = localDay(cursor, clock.timeZone);
    const window = workingWindow(clock, day);
    if (window) {
      const start = Math.max(cursor, window.start);
      if (start < window.end) {
        const available = window.end - start;
        if (remaining <= available) return new Date(start + remaining);
        remaining -= available;
      }
    }
    cursor = zonedToUtc(day.year, day.month, day.day + 1, 0, clock.timeZone);
  }
  throw new RangeError('no working time within ten years: check the working days and the holiday calendar');
}

/** Working minutes from `from` to `to`; negative when `to` is earlier. */
export function workingMinutesBetween(clock: DeadlineClock, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b < a) return -workingMinutesBetween(clock, to, from);
  if (clock.kind === 'wall') return (b - a) / MINUTE;
  let total = 0;
  let cursor = a;
  for (let n = 0; n < MAX_DAYS && cursor < b; n++) {
    const day = localDay(cursor, clock.timeZone);
    const window = workingWindow(clock, day);
    if (window) total += Math.max(0, Math.min(b, window.end) - Math.max(cursor, window.start));
    cursor = zonedToUtc(day.year, day.month, day.day + 1, 0, clock.timeZone);
  }
  return total / MINUTE;
}

/** Minutes of work in one ordinary working day (a whole day round the clock). */
export function workingDayMinutes(clock: DeadlineClock): number {
  return clock.kind === 'wall' ? 1440 : clock.endMinute - clock.startMinute;
}

export interface LocalDay { year: number; month: number; day: number; weekday: number; key: string }

/** The local date of an instant in `timeZone`, with its ISO weekday and "YYYY-MM-DD" key. */
export function localDay(instant: number, timeZone: string): LocalDay {
  const p = localParts(instant, timeZone);
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() || 7;
  const key = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  return { year: p.year, month: p.month, day: p.day, weekday, key };
}

function workingWindow(clock: BusinessHours, day: LocalDay): { start: number; end: number } | null {
  if (!isWorkingDay(clock.calendar, day.key, day.weekday, clock.days)) return null;
  return {
    start: zonedToUtc(day.year, day.month, day.day, clock.startMinute, clock.timeZone),
    end: zonedToUtc(day.year, day.month, day.day, clock.endMinute, clock.timeZone),
  };
}

/** The UTC instant of a local wall time; month and day may overflow (day 32 is the next month). */
export function zonedToUtc(year: number, month: number, day: number, minuteOfDay: number, timeZone: string): number {
  const asUtc = Date.UTC(year, month - 1, day, 0, minuteOfDay);
  // Two rounds settle the offset, including on a daylight-saving change day.
  const first = asUtc - offsetAt(asUtc, timeZone);
  return asUtc - offsetAt(first, timeZone);
}

function offsetAt(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function localParts(instant: number, timeZone: string) {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}
