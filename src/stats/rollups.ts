// Reading the hourly rollups: the folded hours plus the deltas not yet folded, and the part-hours a
// zone's midnight cuts counted from the items, summed in one statement (one snapshot), so a figure
// is exact at the moment it is read.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import type { StatsRange } from './period.js';
import { STATS_MEASURES } from '../../migrations/007-rollups-and-search.js';

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

const HOUR_MS = 3600_000;
const MEASURE_COLUMNS = sql.raw(STATS_MEASURES.join(', '));

/**
 * Rows of one dimension over consecutive segments bounds[0]..bounds[n] (each [bounds[k], bounds[k+1]),
 * numbered 1..n in `seg`), in one statement. Whole UTC hours come from the rollups, folded and
 * pending alike. An hour a bound cuts (a day's midnight in a zone offset by :30 or :45) is counted
 * from the items at their exact moments instead (migration 012), so each part lands in its own
 * segment. Zones on the whole hour cut none and read the rollups only.
 */
async function readSegments<R>(db: Kysely<Database>, dim: string, bounds: Date[], select: (rows: RawBuilder<unknown>) => RawBuilder<R>): Promise<R[]> {
  const first = bounds[0].getTime();
  const last = bounds[bounds.length - 1].getTime();
  const cut = [...new Set(bounds.map((b) => b.getTime()).filter((t) => mod(t) !== 0).map((t) => t - mod(t)))];
  const segOf = (at: RawBuilder<unknown>) => (bounds.length === 2
    ? sql`1`
    : sql`width_bucket(extract(epoch FROM ${at})::float8, ${sql.val(bounds.map((b) => b.getTime() / 1000))}::float8[])`);
  const hours = sql`dim = ${dim} AND hour >= ${new Date(first - mod(first))} AND hour < ${new Date(last)}
    ${cut.length > 0 ? sql`AND hour <> ALL(${sql.val(cut.map((t) => new Date(t).toISOString()))}::timestamptz[])` : sql``}`;
  const rollups = sql`SELECT ${segOf(sql.ref('hour'))} AS seg, val, ${MEASURE_COLUMNS} FROM stats_hourly WHERE ${hours}
    UNION ALL SELECT ${segOf(sql.ref('hour'))}, val, ${MEASURE_COLUMNS} FROM stats_deltas WHERE ${hours}`;
  if (cut.length === 0) return (await select(sql`(${rollups})`).execute(db)).rows;
  // The cut hours, each clipped to the whole range.
  const parts = cut.map((h) => ({ from: new Date(Math.max(h, first)), to: new Date(Math.min(h + HOUR_MS, last)) }));
  const within = (column: string) => sql.join(parts.map((p) => sql`(${sql.ref(column)} >= ${p.from} AND ${sql.ref(column)} < ${p.to})`), sql` OR `);
  // The part-hours hold a few hundred items, but PostgreSQL's costs for a bitmap scan of a large
  // table start parallel workers for it, and starting them took 20-50 ms at a million items (the
  // query itself about 2 ms). set_config is parallel-unsafe, so naming it keeps this statement
  // serial; the setting it makes is local to the statement's own transaction and ends with it.
  const rows = sql`(${rollups}
    UNION ALL SELECT ${segOf(sql.ref('m.at'))}, m.val, ${sql.raw(STATS_MEASURES.map((m) => `m.${m}`).join(', '))}
    FROM (SELECT set_config('max_parallel_workers_per_gather', '0', true)) serial, feedback n,
      LATERAL feedback_stats_moments(1, ${sql.raw(MOMENT_ARGS)}) m
    WHERE (${within('n.created_at')} OR ${within('n.first_response_at')} OR ${within('n.resolved_at')} OR ${within('n.closed_at')})
      AND m.dim = ${dim} AND (${within('m.at')}))`;
  return (await select(rows).execute(db)).rows;
}

/** Milliseconds past the UTC hour. */
function mod(t: number): number {
  return ((t % HOUR_MS) + HOUR_MS) % HOUR_MS;
}

const MOMENT_ARGS = `n.created_at, n.first_response_at, n.resolved_at, n.closed_at, n.response_due_at, n.resolve_due_at,
  n.sentiment, n.topic, n.channel, n.kind, n.priority, n.assignee_id`;

/** Totals for a period. */
export async function statsTotals(db: Kysely<Database>, range: StatsRange): Promise<StatsMeasures> {
  const rows = await readSegments(db, 'all', [range.from, range.to], (r) => sql<SumRow>`SELECT ${SUMS} FROM ${r} r`);
  return measuresOf(rows[0]);
}

/** Totals for a period per value of a dimension, most received first. The agent value '' is "unassigned". */
export async function statsBy(db: Kysely<Database>, range: StatsRange, dim: StatsDimension): Promise<{ value: string; measures: StatsMeasures }[]> {
  const rows = await readSegments(db, dim, [range.from, range.to], (r) => sql<SumRow & { val: string }>`SELECT val, ${SUMS} FROM ${r} r GROUP BY val`);
  return rows
    .map((r) => ({ value: r.val, measures: measuresOf(r) }))
    .filter((r) => Object.values(r.measures).some((n) => n !== 0))
    .sort((a, b) => b.measures.received - a.measures.received || b.measures.closed - a.measures.closed || a.value.localeCompare(b.value));
}

/**
 * Totals per consecutive segment [bounds[k], bounds[k+1]) (local days, weeks), in order; a
 * segment with nothing counts zero. Bounds must be increasing.
 */
export async function statsBySegment(db: Kysely<Database>, bounds: Date[], dim: StatsDimension | 'all' = 'all'): Promise<StatsMeasures[]> {
  if (bounds.length < 2) return [];
  const rows = await readSegments(db, dim, bounds, (r) => sql<SumRow & { seg: number }>`SELECT seg, ${SUMS} FROM ${r} r GROUP BY seg`);
  const bySeg = new Map(rows.map((r) => [Number(r.seg), measuresOf(r)]));
  return bounds.slice(1).map((_, k) => bySeg.get(k + 1) ?? { ...EMPTY_MEASURES });
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
