// Today's figures for /fb stats today: a handful of indexed aggregate queries, fast enough to
// answer within a platform's 3-second acknowledgement deadline.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

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

/** Start of the day in the server's time zone (TZ). */
export function startOfDay(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

export async function todayStats(db: Kysely<Database>, now: Date): Promise<TodayStats> {
  const since = startOfDay(now);
  const today = db.selectFrom('feedback').where('created_at', '>=', since);
  const [kinds, priorities, topics, totals, open, closed] = await Promise.all([
    today.select(['kind as key', sql<number>`count(*)::int`.as('n')]).groupBy('kind').execute(),
    today.select(['priority as key', sql<number>`count(*)::int`.as('n')]).groupBy('priority').execute(),
    today.select(['topic', sql<number>`count(*)::int`.as('n')]).groupBy('topic').orderBy('n', 'desc').orderBy('topic').limit(3).execute(),
    today.select([
      sql<number>`count(*)::int`.as('received'),
      sql<number>`(count(*) filter (where sentiment = 'negative'))::int`.as('negative'),
      sql<number | null>`avg(extract(epoch from (first_response_at - created_at)) / 60)`.as('avg_first'),
    ]).executeTakeFirstOrThrow(),
    db.selectFrom('feedback').where('state', 'in', ['new', 'claimed', 'waiting_customer', 'escalated']).select([
      sql<number>`count(*)::int`.as('open'),
      sql<number>`(count(*) filter (where first_response_at is null and response_due_at < ${now}))::int`.as('overdue'),
    ]).executeTakeFirstOrThrow(),
    db.selectFrom('feedback').where('closed_at', '>=', since).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    received: totals.received,
    byKind: Object.fromEntries(kinds.map((r) => [r.key, r.n])),
    byPriority: Object.fromEntries(priorities.map((r) => [r.key, r.n])),
    topTopics: topics.map((r) => ({ topic: r.topic, n: r.n })),
    negative: totals.negative,
    open: open.open,
    overdue: open.overdue,
    closedToday: closed.n,
    avgFirstResponseMinutes: totals.avg_first === null ? null : Math.round(Number(totals.avg_first)),
  };
}
