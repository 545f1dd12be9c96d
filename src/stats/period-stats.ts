// Everything /fb stats shows for a period, read from the rollups. The functions other parts
// (digests, reports, exports) call for numbers live here and in rollups.ts.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { localDateOf, formatLocalDate, type LocalDate } from './zoned-time.js';
import type { Period, StatsRange } from './period.js';
import { EMPTY_MEASURES, openNow, statsBy, statsByHour, statsTotals, type StatsDimension, type StatsMeasures } from './rollups.js';

export interface PeriodStats {
  period: Period;
  totals: StatsMeasures;
  /** Right now, whatever the period. */
  open: number;
  overdue: number;
  groupBy?: StatsDimension;
  groups: { value: string; measures: StatsMeasures }[];
  /** Ungrouped only: received by kind, and the three topics that received most. */
  byKind: { value: string; received: number }[];
  topTopics: { value: string; received: number }[];
}

export async function periodStats(db: Kysely<Database>, period: Period, now: Date, groupBy?: StatsDimension): Promise<PeriodStats> {
  const none = Promise.resolve([]);
  const [totals, current, groups, kinds, topics] = await Promise.all([
    statsTotals(db, period),
    openNow(db, now),
    groupBy ? statsBy(db, period, groupBy) : none,
    groupBy ? none : statsBy(db, period, 'kind'),
    groupBy ? none : statsBy(db, period, 'topic'),
  ]);
  const received = (rows: { value: string; measures: StatsMeasures }[]) =>
    rows.filter((r) => r.measures.received > 0).map((r) => ({ value: r.value, received: r.measures.received }));
  return { period, totals, open: current.open, overdue: current.overdue, groupBy, groups, byKind: received(kinds), topTopics: received(topics).slice(0, 3) };
}

/** One local day's totals, for every day of the range (days with nothing count zero). */
export async function statsByDay(db: Kysely<Database>, range: StatsRange, zone: string): Promise<{ date: string; measures: StatsMeasures }[]> {
  const hours = await statsByHour(db, range);
  const days = new Map<string, StatsMeasures>();
  // Every day of the range, in order, even an empty one.
  for (let at = range.from.getTime(); at < range.to.getTime(); at += 3600_000) {
    const key = formatLocalDate(localDateOf(new Date(at), zone));
    if (!days.has(key)) days.set(key, { ...EMPTY_MEASURES });
  }
  for (const h of hours) {
    const key = formatLocalDate(localDateOf(h.hour, zone));
    const day = days.get(key);
    if (day) addInto(day, h.measures);
  }
  return [...days].map(([date, measures]) => ({ date, measures }));
}

function addInto(into: StatsMeasures, add: StatsMeasures): void {
  for (const key of Object.keys(into) as (keyof StatsMeasures)[]) into[key] += add[key];
}

/** Mean minutes, or null when nothing counted. */
export function meanMinutes(totalSecs: number, n: number): number | null {
  return n === 0 ? null : Math.round(totalSecs / n / 60);
}

/** Share on time (0..1), or null when nothing counted. */
export function onTimeShare(n: number, late: number): number | null {
  return n === 0 ? null : (n - late) / n;
}

export type { LocalDate };
