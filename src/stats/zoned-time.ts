// Calendar days in a named time zone, as UTC instants. A day is from one local midnight to the
// next, so it lasts 23 or 25 hours across a daylight-saving change; statistics count it that way.

export interface LocalDate { year: number; month: number; day: number }

/**
 * The zone /fb stats counts days in: TZ when set, else the digests' zone, so that a day's
 * numbers in /fb stats and in that day's digest agree.
 */
export function statsTimeZone(config: { timeZone?: string; digests?: { timeZone: string } }): string {
  if (config.timeZone && !config.timeZone.startsWith(':')) return config.timeZone;
  return config.digests?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

function wallClock(at: Date, zone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(zone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
export function offsetAt(at: Date, zone: string): number {
  const w = wallClock(at, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The calendar date at an instant in the zone. */
export function localDateOf(at: Date, zone: string): LocalDate {
  const w = wallClock(at, zone);
  return { year: w.year, month: w.month, day: w.day };
}

/** The instant a local date begins (its midnight, or the first minute that exists when a change skips midnight). */
export function startOfLocalDate(date: LocalDate, zone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day);
  // Two rounds settle the offset; a third covers a midnight that falls in a skipped hour.
  let guess = wall - offsetAt(new Date(wall), zone);
  for (let i = 0; i < 2; i++) guess = wall - offsetAt(new Date(guess), zone);
  const got = localDateOf(new Date(guess), zone);
  if (got.day !== date.day) guess += 3600_000; // midnight did not exist: the day starts an hour later
  return new Date(guess);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function formatLocalDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** "2026-03-08" → a date, or null when it is not a real calendar date. */
export function parseLocalDate(text: string): LocalDate | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const check = addDays(date, 0);
  return check.year === date.year && check.month === date.month && check.day === date.day ? date : null;
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** "2026-03-08 23:30" in the zone. */
export function formatLocalTime(at: Date, zone: string): string {
  const w = wallClock(at, zone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}`;
}
