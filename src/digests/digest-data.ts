// The numbers of a daily or weekly digest, read from the database for one period. Items belong to
// the period in which they occurred (history imports count where they happened); everything that
// happened to them is counted only up to the period's end, so a report for a past period gives
// the same deadline and time figures whenever it is asked for.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { excerpt } from '../../cards/excerpt.js';
import type { TrendPoint } from '../charts/trend-chart.js';
import type { DigestKind, DigestPeriod } from './period.js';
import { addDays, formatLocalDate, localDateOf, startOfLocalDate } from '../stats/zoned-time.js';
import { surveyFigures, type SurveyFigures } from '../stats/survey-figures.js';

/** A count in this period and in the one before it. */
export interface PeriodCount { key: string; n: number; previous: number }

export interface DeadlineFigures {
  /** Items whose deadline fell before the period's end, or that were answered (resolved) before it. */
  due: number;
  /** Of those, answered (resolved) by the deadline. */
  met: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export interface AgentWorkload { id: string; name: string; claimed: number; replied: number; resolved: number; openNow: number }

export interface DigestData {
  kind: DigestKind;
  timeZone: string;
  date: string;
  lastDate: string;
  total: number;
  previousTotal: number;
  negative: number;
  byKind: PeriodCount[];
  byTopic: PeriodCount[];
  byChannel: PeriodCount[];
  firstResponse: DeadlineFigures;
  resolution: DeadlineFigures;
  /** Items of the period resolved or closed by its end. */
  resolved: number;
  /** Items resolved or closed during the period (whenever they came in), and those of them reopened during it. */
  resolvedInPeriod: number;
  reopened: number;
  /** Survey answers given in the period (see stats/survey-figures.ts). */
  csat: SurveyFigures['csat'];
  nps: SurveyFigures['nps'];
  negativeTopics: { topic: string; n: number; examples: string[] }[];
  agents: AgentWorkload[];
  /** Daily points over 14 days for a daily digest, weekly points over 8 weeks for a weekly one. */
  trend: TrendPoint[];
}

export const DIGEST_LIMITS = { negativeTopics: 3, examples: 2, exampleChars: 80, agents: 10, trendDays: 14, trendWeeks: 8 } as const;

const OPEN_STATES = ['new', 'claimed', 'waiting_customer', 'escalated'];

/** Reads the digest of `period`. Texts are stored masked, so the examples are masked too. */
export async function readDigest(db: Kysely<Database>, period: DigestPeriod): Promise<DigestData> {
  const { start, end, previousStart } = period;
  const both = () => db.selectFrom('feedback').where('occurred_at', '>=', previousStart).where('occurred_at', '<', end);
  const current = () => db.selectFrom('feedback').where('occurred_at', '>=', start).where('occurred_at', '<', end);
  const countBy = (column: 'kind' | 'topic' | 'channel') => both()
    .select([
      `${column} as key`,
      sql<number>`(count(*) filter (where occurred_at >= ${start}))::int`.as('n'),
      sql<number>`(count(*) filter (where occurred_at < ${start}))::int`.as('previous'),
    ])
    .groupBy(column).execute();
  const done = sql`coalesce(resolved_at, closed_at)`;
  const [kinds, topics, channels, figures, surveys, negatives, reopen, agents, trend] = await Promise.all([
    countBy('kind'), countBy('topic'), countBy('channel'),
    current().select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) filter (where sentiment = 'negative'))::int`.as('negative'),
      sql<number>`(count(*) filter (where first_response_at < ${end} or response_due_at < ${end}))::int`.as('fr_due'),
      sql<number>`(count(*) filter (where first_response_at < ${end} and first_response_at <= response_due_at))::int`.as('fr_met'),
      sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from first_response_at - created_at) / 60) filter (where first_response_at < ${end})`.as('fr_p50'),
      sql<number | null>`percentile_cont(0.9) within group (order by extract(epoch from first_response_at - created_at) / 60) filter (where first_response_at < ${end})`.as('fr_p90'),
      sql<number>`(count(*) filter (where ${done} < ${end} or resolve_due_at < ${end}))::int`.as('rs_due'),
      sql<number>`(count(*) filter (where ${done} < ${end} and ${done} <= resolve_due_at))::int`.as('rs_met'),
      sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from ${done} - created_at) / 60) filter (where ${done} < ${end})`.as('rs_p50'),
      sql<number | null>`percentile_cont(0.9) within group (order by extract(epoch from ${done} - created_at) / 60) filter (where ${done} < ${end})`.as('rs_p90'),
      sql<number>`(count(*) filter (where ${done} < ${end}))::int`.as('resolved'),
    ]).executeTakeFirstOrThrow(),
    surveyFigures(db, { from: start, to: end }),
    negativeTopics(db, period),
    db.selectFrom('feedback_events').where('created_at', '>=', start).where('created_at', '<', end).select([
      sql<number>`(count(distinct feedback_id) filter (where type in ('resolved', 'closed')))::int`.as('resolved'),
      sql<number>`(count(distinct feedback_id) filter (where type = 'reopened'))::int`.as('reopened'),
    ]).executeTakeFirstOrThrow(),
    agentWorkload(db, period),
    readTrend(db, period),
  ]);
  const sortCounts = (rows: PeriodCount[]) => rows.map((r) => ({ key: r.key, n: r.n, previous: r.previous }))
    .sort((a, b) => b.n - a.n || b.previous - a.previous || a.key.localeCompare(b.key));
  return {
    kind: period.kind, timeZone: period.timeZone, date: period.date, lastDate: period.lastDate,
    total: figures.total,
    previousTotal: kinds.reduce((sum, r) => sum + r.previous, 0),
    negative: figures.negative,
    byKind: sortCounts(kinds), byTopic: sortCounts(topics), byChannel: sortCounts(channels),
    firstResponse: { due: figures.fr_due, met: figures.fr_met, medianMinutes: minutes(figures.fr_p50), p90Minutes: minutes(figures.fr_p90) },
    resolution: { due: figures.rs_due, met: figures.rs_met, medianMinutes: minutes(figures.rs_p50), p90Minutes: minutes(figures.rs_p90) },
    resolved: figures.resolved,
    resolvedInPeriod: reopen.resolved,
    reopened: reopen.reopened,
    csat: surveys.csat,
    nps: surveys.nps,
    negativeTopics: negatives,
    agents,
    trend,
  };
}

function minutes(value: number | string | null): number | null {
  return value === null ? null : Math.round(Number(value));
}

async function negativeTopics(db: Kysely<Database>, period: DigestPeriod): Promise<DigestData['negativeTopics']> {
  const top = await db.selectFrom('feedback')
    .where('occurred_at', '>=', period.start).where('occurred_at', '<', period.end).where('sentiment', '=', 'negative')
    .select(['topic', sql<number>`count(*)::int`.as('n')])
    .groupBy('topic').orderBy('n', 'desc').orderBy('topic').limit(DIGEST_LIMITS.negativeTopics).execute();
  return Promise.all(top.map(async ({ topic, n }) => {
    // Two different texts, the most negative first (lowest score), newest among equals: the clearest examples.
    const rows = await db.selectFrom('feedback')
      .where('occurred_at', '>=', period.start).where('occurred_at', '<', period.end)
      .where('sentiment', '=', 'negative').where('topic', '=', topic)
      .select(['text', sql<number>`min(score)`.as('worst'), sql<Date>`max(occurred_at)`.as('newest')])
      .groupBy('text').orderBy('worst', 'asc').orderBy('newest', 'desc').limit(DIGEST_LIMITS.examples).execute();
    return { topic, n, examples: rows.map((r) => excerpt(r.text, DIGEST_LIMITS.exampleChars)) };
  }));
}

async function agentWorkload(db: Kysely<Database>, period: DigestPeriod): Promise<AgentWorkload[]> {
  const acted = db.selectFrom('feedback_events')
    .where('created_at', '>=', period.start).where('created_at', '<', period.end).where('actor_id', 'is not', null)
    .select([
      'actor_id as agent_id',
      sql<number>`(count(*) filter (where type = 'claimed'))::int`.as('claimed'),
      sql<number>`(count(*) filter (where type = 'replied'))::int`.as('replied'),
      sql<number>`(count(*) filter (where type in ('resolved', 'closed')))::int`.as('resolved'),
    ])
    .groupBy('actor_id');
  const open = db.selectFrom('feedback').where('state', 'in', OPEN_STATES).where('assignee_id', 'is not', null)
    .select(['assignee_id as agent_id', sql<number>`count(*)::int`.as('open_now')]).groupBy('assignee_id');
  const rows = await db.selectFrom('agents')
    .leftJoin(acted.as('a'), 'a.agent_id', 'agents.id')
    .leftJoin(open.as('o'), 'o.agent_id', 'agents.id')
    .where((eb) => eb.or([eb('a.agent_id', 'is not', null), eb('o.agent_id', 'is not', null)]))
    .select(['agents.id', 'agents.name', 'a.claimed', 'a.replied', 'a.resolved', 'o.open_now'])
    .execute();
  return rows
    .map((r) => ({ id: r.id, name: r.name, claimed: r.claimed ?? 0, replied: r.replied ?? 0, resolved: r.resolved ?? 0, openNow: r.open_now ?? 0 }))
    .sort((a, b) => b.resolved + b.replied + b.claimed - (a.resolved + a.replied + a.claimed) || b.openNow - a.openNow || a.name.localeCompare(b.name))
    .slice(0, DIGEST_LIMITS.agents);
}

/** Volume and negative share per local day (daily digest) or per Monday-started week (weekly). */
async function readTrend(db: Kysely<Database>, period: DigestPeriod): Promise<TrendPoint[]> {
  const daily = period.kind === 'daily';
  const steps = daily ? DIGEST_LIMITS.trendDays : DIGEST_LIMITS.trendWeeks;
  const stepDays = daily ? 1 : 7;
  const lastFirst = localDateOf(period.start, period.timeZone);
  const firsts = Array.from({ length: steps }, (_, k) => addDays(lastFirst, -(steps - 1 - k) * stepDays));
  const bounds = [...firsts.map((d) => startOfLocalDate(d, period.timeZone)), period.end];
  const bucket = sql<number>`width_bucket(extract(epoch from occurred_at), ${sql.val(bounds.map((b) => b.getTime() / 1000))}::float8[])`;
  const rows = await db.selectFrom('feedback')
    .where('occurred_at', '>=', bounds[0]).where('occurred_at', '<', period.end)
    .select([bucket.as('bucket'), sql<number>`count(*)::int`.as('n'), sql<number>`(count(*) filter (where sentiment = 'negative'))::int`.as('negative')])
    .groupBy(sql`1`).execute();
  const byBucket = new Map(rows.map((r) => [Number(r.bucket), r]));
  return firsts.map((d, k) => {
    const row = byBucket.get(k + 1);
    const total = row?.n ?? 0;
    return { label: formatLocalDate(d).slice(5), total, negativeShare: total === 0 ? 0 : (row?.negative ?? 0) / total };
  });
}
