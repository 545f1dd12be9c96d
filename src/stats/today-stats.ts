// Today's figures (the "today" shape the conformance cards use), read from the rollups.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { periodOf } from './period.js';
import { meanMinutes } from './period-stats.js';
import { openNow, statsBy, statsTotals } from './rollups.js';
import { localDateOf } from './zoned-time.js';

export interface TodayStats {
  received: number;
  byKind: Record<string, number>;
  byPriority: Record<string, number>;
  topTopics: { topic: string; n: number }[];
  negative: number;
  open: number;
  overdue: number;
  closedToday: number;
  avgFirstResponseMinutes: number | null;
}

export async function todayStats(db: Kysely<Database>, now: Date, zone: string): Promise<TodayStats> {
  const today = localDateOf(now, zone);
  const day = periodOf(today, today, zone);
  const [totals, kinds, priorities, topics, current] = await Promise.all([
    statsTotals(db, day), statsBy(db, day, 'kind'), statsBy(db, day, 'priority'), statsBy(db, day, 'topic'), openNow(db, now),
  ]);
  const received = (rows: typeof kinds) => Object.fromEntries(rows.filter((r) => r.measures.received > 0).map((r) => [r.value, r.measures.received]));
  return {
    received: totals.received,
    byKind: received(kinds),
    byPriority: received(priorities),
    topTopics: topics.filter((r) => r.measures.received > 0).slice(0, 3).map((r) => ({ topic: r.value, n: r.measures.received })),
    negative: totals.negative,
    open: current.open,
    overdue: current.overdue,
    closedToday: totals.closed,
    avgFirstResponseMinutes: meanMinutes(totals.responseSecs, totals.responded),
  };
}
