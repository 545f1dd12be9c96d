// Everything /fb stats shows for a period, read from the rollups. The functions other parts
// (digests, reports, exports) call for numbers live here and in rollups.ts.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { addDays, localDateOf, formatLocalDate, startOfLocalDate, type LocalDate } from './zoned-time.js';
import type { Period, StatsRange } from './period.js';
import { surveyFigures, type SurveyFigures } from './survey-figures.js';
import { openNow, statsBy, statsBySegment, statsTotals, type StatsDimension, type StatsMeasures } from './rollups.js';

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
  /** CSAT and NPS from the survey answers given in the period. */
  surveys: SurveyFigures;
}

export async function periodStats(db: Kysely<Database>, period: Period, now: Date, groupBy?: StatsDimension): Promise<PeriodStats> {
  const none = Promise.resolve([]);
  const [totals, current, groups, kinds, topics, surveys] = await Promise.all([
    statsTotals(db, period),
    openNow(db, now),
    groupBy ? statsBy(db, period, groupBy) : none,
    groupBy ? none : statsBy(db, period, 'kind'),
    groupBy ? none : statsBy(db, period, 'topic'),
    surveyFigures(db, period),
  ]);
  const received = (rows: { value: string; measures: StatsMeasures }[]) =>
    rows.filter((r) => r.measures.received > 0).map((r) => ({ value: r.value, received: r.measures.received }));
  return { period, totals, open: current.open, overdue: current.overdue, groupBy, groups, byKind: received(kinds), topTopics: received(topics).slice(0, 3), surveys };
}

/** One local day's totals, for every day of the range (days with nothing count zero). */
export async function statsByDay(db: Kysely<Database>, range: StatsRange, zone: string): Promise<{ date: string; measures: StatsMeasures }[]> {
  const days: LocalDate[] = [];
  for (let d = localDateOf(range.from, zone); startOfLocalDate(d, zone) < range.to; d = addDays(d, 1)) days.push(d);
  const bounds = [...days.map((d, k) => (k === 0 ? range.from : startOfLocalDate(d, zone))), range.to];
  const measures = await statsBySegment(db, bounds);
  return days.map((d, k) => ({ date: formatLocalDate(d), measures: measures[k] }));
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
