// The counts each signal judges, read from feedback by occurred_at (history imports fill the
// baseline weeks without touching the current window). "Negative" is a complaint or a negative
// sentiment. Examples carry masked text only, as stored.
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.js';
import { shortIdOf } from '../items/item-row.js';
import type { Example } from './levels.js';
import type { WarningsSettings } from './settings.js';
import type { BreachData, RepeatData, SafetyData, SatisfactionData, SourceData, SurgeData, UnclaimedData } from './signals.js';

type Db = Kysely<Database>;
const WEEK_MS = 7 * 86_400_000;
const EXAMPLES = 3;
const NEGATIVE = sql<boolean>`(kind = 'complaint' or sentiment = 'negative')`;

export async function surgeData(db: Db, now: Date, s: WarningsSettings['surge']): Promise<SurgeData> {
  const windowMs = s.windowMinutes * 60_000;
  const from = new Date(now.getTime() - windowMs);
  const current = await grouped(db, sql`occurred_at > ${from} and occurred_at <= ${now}`);
  const weeks = Array.from({ length: s.baselineWeeks }, (_, i) => i + 1);
  const sameHours = sql.join(weeks.map((k) => sql`(occurred_at > ${new Date(from.getTime() - k * WEEK_MS)} and occurred_at <= ${new Date(now.getTime() - k * WEEK_MS)})`), sql` or `);
  const history = await grouped(db, sql`(${sameHours})`);
  const overall = await grouped(db, sql`occurred_at > ${new Date(now.getTime() - s.baselineWeeks * WEEK_MS)} and occurred_at <= ${from}`);
  const cells = [...current.negatives].filter(([, count]) => count >= s.minCounts[0]);
  const withExamples = await Promise.all(cells.map(async ([key, count]) => {
    const [dimension, value] = splitKey(key);
    const examples = await examplesWhere(db, sql`occurred_at > ${from} and occurred_at <= ${now} and ${NEGATIVE} and ${sql.ref(dimension)} = ${value}`);
    return { dimension, value, count, examples };
  }));
  return { total: current.total, cells: withExamples, history, overall };
}

/** All items and negatives by `topic:x` and `channel:y` where `where` holds. */
async function grouped(db: Db, where: Expression<SqlBool> | ReturnType<typeof sql>): Promise<{ total: number; negatives: Map<string, number> }> {
  const rows = await sql<{ topic: string; channel: string; negative: boolean; n: number }>`
    select topic, channel, ${NEGATIVE} as negative, count(*)::int as n from feedback where ${where} group by 1, 2, 3`.execute(db);
  const negatives = new Map<string, number>();
  let total = 0;
  for (const r of rows.rows) {
    total += r.n;
    if (!r.negative) continue;
    for (const key of [`topic:${r.topic}`, `channel:${r.channel}`]) negatives.set(key, (negatives.get(key) ?? 0) + r.n);
  }
  return { total, negatives };
}

function splitKey(key: string): ['topic' | 'channel', string] {
  const at = key.indexOf(':');
  return [key.slice(0, at) as 'topic' | 'channel', key.slice(at + 1)];
}

async function examplesWhere(db: Db, where: ReturnType<typeof sql>, limit = EXAMPLES): Promise<Example[]> {
  const rows = await sql<{ id: string; seq: number; text: string }>`select id, seq, text from feedback where ${where} order by occurred_at desc, seq desc limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ id: r.id, shortId: shortIdOf(r.seq), text: r.text.length > 120 ? `${r.text.slice(0, 119)}…` : r.text }));
}

export async function breachData(db: Db, now: Date, s: WarningsSettings['breach']): Promise<BreachData> {
  const from = new Date(now.getTime() - s.windowHours * 3_600_000);
  const inWindow = sql`carded and response_due_at > ${from} and response_due_at <= ${now}`;
  const late = sql`(first_response_at is null or first_response_at > response_due_at)`;
  const row = await sql<{ due: number; breached: number }>`
    select count(*)::int as due, (count(*) filter (where ${late}))::int as breached from feedback where ${inWindow}`.execute(db);
  const { due, breached } = row.rows[0] ?? { due: 0, breached: 0 };
  const weekBefore = await sql<{ due: number; breached: number }>`
    select count(*)::int as due, (count(*) filter (where ${late}))::int as breached from feedback
    where carded and response_due_at > ${new Date(from.getTime() - WEEK_MS)} and response_due_at <= ${from}`.execute(db);
  const usual = weekBefore.rows[0] ?? { due: 0, breached: 0 };
  return { due, breached, usual, examples: breached > 0 ? await examplesWhere(db, sql`${inWindow} and ${late}`) : [] };
}

export async function unclaimedData(db: Db, now: Date): Promise<UnclaimedData> {
  const hourAgo = new Date(now.getTime() - 3_600_000);
  // Unclaimed at a moment: it had arrived, nobody had claimed it, and it was not yet resolved or closed.
  const unclaimedAt = (at: Date) => sql`carded and occurred_at <= ${at}
    and not exists (select 1 from feedback_events e where e.feedback_id = feedback.id and e.type = 'claimed' and e.created_at <= ${at})
    and (resolved_at is null or resolved_at > ${at}) and (closed_at is null or closed_at > ${at})
    and (state = 'new' or ${at} < ${now})`;
  const row = await sql<{ now: number; before: number }>`
    select (count(*) filter (where ${unclaimedAt(now)}))::int as now, (count(*) filter (where ${unclaimedAt(hourAgo)}))::int as before
    from feedback where carded and occurred_at > ${new Date(now.getTime() - 30 * 86_400_000)}`.execute(db);
  const counts = row.rows[0] ?? { now: 0, before: 0 };
  return { now: counts.now, hourAgo: counts.before, examples: counts.now > 0 ? await examplesWhere(db, unclaimedAt(now)) : [] };
}

export async function satisfactionData(db: Db, now: Date, s: WarningsSettings['satisfaction']): Promise<SatisfactionData> {
  const span = s.windowHours * 3_600_000;
  const from = new Date(now.getTime() - span);
  const before = new Date(from.getTime() - span);
  const rows = await sql<{ recent: boolean; rated: number; satisfied: number; total: number; positive: number }>`
    select occurred_at > ${from} as recent,
      (count(*) filter (where rating is not null))::int as rated,
      (count(*) filter (where rating >= 4))::int as satisfied,
      count(*)::int as total,
      (count(*) filter (where not ${NEGATIVE}))::int as positive
    from feedback where occurred_at > ${before} and occurred_at <= ${now} group by 1`.execute(db);
  const pick = (recent: boolean) => rows.rows.find((r) => r.recent === recent) ?? { rated: 0, satisfied: 0, total: 0, positive: 0 };
  const [b, n] = [pick(false), pick(true)];
  // Survey ratings once there are enough of them in both windows; until then, the share not negative.
  const csat = b.rated >= s.minCount && n.rated >= s.minCount;
  const examples = await examplesWhere(db, csat ? sql`occurred_at > ${from} and occurred_at <= ${now} and rating <= 2` : sql`occurred_at > ${from} and occurred_at <= ${now} and ${NEGATIVE}`);
  return csat
    ? { mode: 'csat', before: { good: b.satisfied, total: b.rated }, now: { good: n.satisfied, total: n.rated }, examples }
    : { mode: 'positive_share', before: { good: b.positive, total: b.total }, now: { good: n.positive, total: n.total }, examples };
}

export async function sourceData(db: Db, now: Date, s: WarningsSettings['silent'], baselineWeeks: number): Promise<SourceData[]> {
  const span = s.hours * 3_600_000;
  const from = new Date(now.getTime() - span);
  const weeks = Array.from({ length: baselineWeeks }, (_, i) => i + 1);
  const sameHours = sql.join(weeks.map((k) => sql`(occurred_at > ${new Date(from.getTime() - k * WEEK_MS)} and occurred_at <= ${new Date(now.getTime() - k * WEEK_MS)})`), sql` or `);
  const rows = await sql<{ source: string; observed: number; usual: number; last_seen: Date | null }>`
    select s.name as source,
      (select count(*) from feedback f where f.source = s.name and f.occurred_at > ${from} and f.occurred_at <= ${now})::int as observed,
      (select count(*) from feedback f where f.source = s.name and (${sameHours}))::int as usual,
      (select max(occurred_at) from feedback f where f.source = s.name and f.occurred_at <= ${now}) as last_seen
    from sources s`.execute(db);
  return rows.rows.map((r) => ({ source: r.source, observed: r.observed, expected: r.usual / baselineWeeks, lastSeenAt: r.last_seen ? new Date(r.last_seen) : null }));
}

export async function repeatData(db: Db, now: Date, s: WarningsSettings['repeat']): Promise<RepeatData[]> {
  const from = new Date(now.getTime() - s.days * 86_400_000);
  const inWindow = sql`occurred_at > ${from} and occurred_at <= ${now} and ${NEGATIVE}`;
  const rows = await sql<{ customer_id: string; n: number }>`
    select customer_id, count(*)::int as n from feedback where ${inWindow} group by 1 having count(*) >= ${s.counts[0]}`.execute(db);
  return Promise.all(rows.rows.map(async (r) => ({ customerId: r.customer_id, count: r.n, examples: await examplesWhere(db, sql`${inWindow} and customer_id = ${r.customer_id}`) })));
}

/** Items in the window whose text has a safety or legal word, by `matches` (run here, on masked text). */
export async function safetyData(db: Db, now: Date, s: WarningsSettings['safety'], matches: (text: string) => string | null): Promise<SafetyData> {
  const from = new Date(now.getTime() - s.windowMinutes * 60_000);
  const rows = await sql<{ id: string; seq: number; text: string; customer_id: string }>`
    select id, seq, text, customer_id from feedback where occurred_at > ${from} and occurred_at <= ${now} order by occurred_at desc, seq desc`.execute(db);
  const hits = rows.rows.map((r) => ({ r, category: matches(r.text) })).filter((h) => h.category !== null);
  const customers = new Set(hits.map((h) => h.r.customer_id));
  return {
    customers: customers.size, items: hits.length,
    categories: [...new Set(hits.map((h) => h.category!))].sort(),
    examples: hits.slice(0, 5).map(({ r }) => ({ id: r.id, shortId: shortIdOf(r.seq), text: r.text.length > 120 ? `${r.text.slice(0, 119)}…` : r.text })),
  };
}
