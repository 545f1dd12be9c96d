// The period a person names after /fb stats, export or report: today, yesterday, 7d, 30d or
// FROM..TO (dates inclusive), as local days in the bot's time zone.
import { addDays, compareDates, formatLocalDate, localDateOf, parseLocalDate, startOfLocalDate, type LocalDate } from './zoned-time.js';

/** [from, to) in UTC instants, covering whole local days. */
export interface StatsRange { from: Date; to: Date }

export interface Period extends StatsRange {
  /** First and last local day, inclusive. */
  first: LocalDate;
  last: LocalDate;
  /** "2026-11-02" or "2026-10-27..2026-11-02". */
  label: string;
  days: number;
  /** Named as today (the card says so). */
  today?: boolean;
}

export type PeriodRefusal = { code: 'unknown_period'; text: string } | { code: 'reversed'; text: string } | { code: 'too_long'; text: string };

/** The longest FROM..TO accepted, in days. */
export const MAX_PERIOD_DAYS = 400;

const TODAY = new Set(['today', '今天', '今日']);
const YESTERDAY = new Set(['yesterday', '昨天', '昨日']);

/** The local days first..last as a period. */
export function periodOf(first: LocalDate, last: LocalDate, zone: string): Period {
  const from = startOfLocalDate(first, zone);
  const to = startOfLocalDate(addDays(last, 1), zone);
  let days = 0;
  for (let d = first; compareDates(d, last) <= 0; d = addDays(d, 1)) days++;
  const label = compareDates(first, last) === 0 ? formatLocalDate(first) : `${formatLocalDate(first)}..${formatLocalDate(last)}`;
  return { from, to, first, last, label, days };
}

export function parsePeriod(word: string | undefined, now: Date, zone: string): Period | PeriodRefusal {
  const text = (word ?? 'today').trim().toLowerCase();
  const today = localDateOf(now, zone);
  if (TODAY.has(text)) return { ...periodOf(today, today, zone), today: true };
  if (YESTERDAY.has(text)) return periodOf(addDays(today, -1), addDays(today, -1), zone);
  const lastDays = /^(\d{1,3})(?:d|天|日)$/.exec(text);
  if (lastDays) {
    const n = Number(lastDays[1]);
    if (n < 1) return { code: 'unknown_period', text: word ?? '' };
    if (n > MAX_PERIOD_DAYS) return { code: 'too_long', text: word ?? '' };
    return periodOf(addDays(today, 1 - n), today, zone);
  }
  const span = /^(\d{4}-\d{1,2}-\d{1,2})(?:\.\.|~|至)(\d{4}-\d{1,2}-\d{1,2})$/.exec(text);
  const single = parseLocalDate(text);
  if (single) return periodOf(single, single, zone);
  if (!span) return { code: 'unknown_period', text: word ?? '' };
  const first = parseLocalDate(span[1]);
  const last = parseLocalDate(span[2]);
  if (!first || !last) return { code: 'unknown_period', text: word ?? '' };
  if (compareDates(first, last) > 0) return { code: 'reversed', text: word ?? '' };
  const period = periodOf(first, last, zone);
  return period.days > MAX_PERIOD_DAYS ? { code: 'too_long', text: word ?? '' } : period;
}

export function isPeriod(p: Period | PeriodRefusal): p is Period {
  return 'from' in p;
}

/** The period of the same length just before (for "change against the previous period"). */
export function previousPeriod(p: Period, zone: string): Period {
  return periodOf(addDays(p.first, -p.days), addDays(p.first, -1), zone);
}
