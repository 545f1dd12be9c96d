// Reading the hourly rollups: the folded hours plus the deltas not yet folded, summed in one
// statement (one snapshot), so a figure is exact at the moment it is read.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import type { StatsRange } from './period.js';

/** What the rollups count for a period; each at the moment it happened (see migration 007). */
export interface StatsMeasures {
  received: number;
  negative: number;
  /** Items whose first response fell in the period, their total seconds from arrival, and how many were late. */
  responded: number;
  responseSecs: number;
  responseLate: number;
  resolved: number;
  resolveSecs: number;
  resolveLate: number;
  closed: number;
}

export const STATS_DIMENSIONS = ['topic', 'channel', 'agent', 'priority', 'kind', 'sentiment'] as const;
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];

export const EMPTY_MEASURES: StatsMeasures = {
  received: 0, negative: 0, responded: 0, responseSecs: 0, responseLate: 0, resolved: 0, resolveSecs: 0, resolveLate: 0, closed: 0,
};

const SUMS = sql.raw(`sum(received)::int AS received, sum(negative)::int AS negative, sum(responded)::int AS responded,
  sum(response_secs)::float8 AS response_secs, sum(response_late)::int AS response_late, sum(resolved)::int AS resolved,
  sum(resolve_secs)::float8 AS resolve_secs, sum(resolve_late)::int AS resolve_late, sum(closed)::int AS closed`);

interface SumRow {
  received: number | null; negative: number | null; responded: number | null; response_secs: number | null; response_late: number | null;
  resolved: number | null; resolve_secs: number | null; resolve_late: number | null; closed: number | null;
}

function measuresOf(r: SumRow): StatsMeasures {
  return {
    received: r.received ?? 0, negative: r.negative ?? 0, responded: r.responded ?? 0, responseSecs: Number(r.response_secs ?? 0),
    responseLate: r.response_late ?? 0, resolved: r.resolved ?? 0, resolveSecs: Number(r.resolve_secs ?? 0),
    resolveLate: r.resolve_late ?? 0, closed: r.closed ?? 0,
  };
}

/** Rows of one dimension within [from, to), folded and pending alike. */
function rollupRows(dim: string, range: StatsRange): RawBuilder<unknown> {
  const where = sql`dim = ${dim} AND hour >= ${range.from} AND hour < ${range.to}`;
  return sql`(SELECT * FROM stats_hourly WHERE ${where} UNION ALL SELECT * FROM stats_deltas WHERE ${where})`;
}

/** Totals for a period. */
export async function statsTotals(db: Kysely<Database>, range: StatsRange): Promise<StatsMeasures> {
  const { rows } = await sql<SumRow>`SELECT ${SUMS} FROM ${rollupRows('all', range)} r`.execute(db);
  return measuresOf(rows[0]);
}

/** Totals for a period per value of a dimension, most received first. The agent value '' is "unassigned". */
export async function statsBy(db: Kysely<Database>, range: StatsRange, dim: StatsDimension): Promise<{ value: string; measures: StatsMeasures }[]> {
  const { rows } = await sql<SumRow & { val: string }>`SELECT val, ${SUMS} FROM ${rollupRows(dim, range)} r GROUP BY val`.execute(db);
  return rows
    .map((r) => ({ value: r.val, measures: measuresOf(r) }))
    .filter((r) => Object.values(r.measures).some((n) => n !== 0))
    .sort((a, b) => b.measures.received - a.measures.received || b.measures.closed - a.measures.closed || a.value.localeCompare(b.value));
}

/** Hour by hour totals within [from, to) (for daily series and charts), oldest first; hours with nothing are left out. */
export async function statsByHour(db: Kysely<Database>, range: StatsRange, dim: StatsDimension | 'all' = 'all'): Promise<{ hour: Date; value: string; measures: StatsMeasures }[]> {
  const { rows } = await sql<SumRow & { hour: Date; val: string }>`
    SELECT hour, val, ${SUMS} FROM ${rollupRows(dim, range)} r GROUP BY hour, val ORDER BY hour, val`.execute(db);
  return rows.map((r) => ({ hour: new Date(r.hour), value: r.val, measures: measuresOf(r) }));
}

/** Items open right now, and those of them past their response deadline without a first response. */
export async function openNow(db: Kysely<Database>, now: Date): Promise<{ open: number; overdue: number }> {
  // Both counts read the partial indexes of migration 007, which hold the open items only.
  const { rows } = await sql<{ open: number; overdue: number }>`
    SELECT (SELECT count(*) FROM feedback WHERE state IN ('new', 'claimed', 'waiting_customer', 'escalated'))::int AS open,
           (SELECT count(*) FROM feedback WHERE first_response_at IS NULL AND state IN ('new', 'claimed', 'waiting_customer', 'escalated')
              AND response_due_at < ${now})::int AS overdue`.execute(db);
  return rows[0];
}
