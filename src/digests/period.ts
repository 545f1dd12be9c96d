// The span a digest reports on: a calendar day or a Monday-to-Sunday week in the digest's time
// zone, with the span before it for comparison. Days are found by the zone's own calendar, so a
// day across a daylight-saving change is 23 or 25 hours and still one day.

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

/** A day as numbers; months 1–12. */
interface YMD { y: number; m: number; d: number }

/**
 * The period `kind` that holds the local date `date` (YYYY-MM-DD); without a date, the last
 * complete one before `now` (yesterday, or last week), which is what a scheduled run reports.
 */
export function digestPeriod(kind: DigestKind, timeZone: string, now: Date, date?: string): DigestPeriod {
  const anchor = date ? parseDate(date) : addDays(localDate(now, timeZone), kind === 'daily' ? -1 : -7);
  if (!anchor) throw new RangeError(`not a date: ${date}`);
  const first = kind === 'daily' ? anchor : addDays(anchor, -((weekday(anchor) + 6) % 7));
  const days = kind === 'daily' ? 1 : 7;
  const last = addDays(first, days - 1);
  return {
    kind, timeZone,
    date: formatDate(first), lastDate: formatDate(last),
    start: zonedMidnight(first, timeZone),
    end: zonedMidnight(addDays(first, days), timeZone),
    previousStart: zonedMidnight(addDays(first, -days), timeZone),
  };
}

/** YYYY-MM-DD that is a real calendar date, or null. */
export function parseDate(text: string): YMD | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [y, m, d] = match.slice(1).map(Number);
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d ? { y, m, d } : null;
}

/** The local calendar date of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): YMD {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { y: get('year'), m: get('month'), d: get('day') };
}

/** The instant a local date begins in a time zone. */
export function zonedMidnight(day: YMD, timeZone: string): Date {
  const guess = Date.UTC(day.y, day.m - 1, day.d);
  // The zone's offset at the guess, then again at the corrected instant (a change may lie between).
  let at = guess - offsetMs(new Date(guess), timeZone);
  at = guess - offsetMs(new Date(at), timeZone);
  return new Date(at);
}

export function addDays(day: YMD, n: number): YMD {
  const probe = new Date(Date.UTC(day.y, day.m - 1, day.d + n));
  return { y: probe.getUTCFullYear(), m: probe.getUTCMonth() + 1, d: probe.getUTCDate() };
}

export function formatDate(day: YMD): string {
  return `${day.y}-${String(day.m).padStart(2, '0')}-${String(day.d).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(day: YMD): number {
  return new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay();
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
export function offsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}
