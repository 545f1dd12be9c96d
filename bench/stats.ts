// bench/stats: 1,000,000 items over a year in a scratch PostgreSQL database, then p50/p95 of what
// the commands run: /fb stats today, /fb stats 30d by topic, /fb customer, /fb search for a
// common and a rare word; beside each, the ratio to a plain count(*) … group by over feedback.
// Usage: npm run bench:stats [-- ITEMS [RUNS]]
//   BENCH_DATABASE_URL, else TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test):
//   the server where a scratch database is created and dropped at the end.
// BENCH_KEEP=1 keeps the database (its name is printed) for looking at plans; BENCH_REUSE=<that
// name> measures it again without loading (the data then ends when it was loaded, not now).
// BENCH_ZONE names the zone days are counted in (default Asia/Shanghai; Asia/Kolkata measures a
// zone whose days do not start on a UTC hour); BENCH_EXTRA=0 leaves out the other parts' measures.
// BENCH_ONLY=<words>[,<words>…] measures only the rows whose name holds one of them (e.g. "weekly digest").
// Other parts add their own timings on the same data by exporting `measures` from
// bench/stats-extra.ts (the weekly digest does): { name, run(db, now) }[].
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/db/open.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { Database } from '../src/db/schema.js';
import { compactStatsDeltas } from '../src/stats/compact.js';
import { isPeriod, parsePeriod, type Period } from '../src/stats/period.js';
import { periodStats } from '../src/stats/period-stats.js';
import { customerHistory } from '../src/stats/customer-history.js';
import { searchItems } from '../src/search/search-items.js';
import { generateItems, COMMON_WORD, MIDDLE_WORD, RARE_WORD, type BenchItem } from './stats-data.js';

export interface ExtraMeasure { name: string; runs?: number; target?: number; run(db: Kysely<Database>, now: Date, zone: string): Promise<unknown> }

const total = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 60);
const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ZONE = process.env.BENCH_ZONE ?? 'Asia/Shanghai';
const BATCH = 10_000;
/** BENCH_ONLY=<words>[,<words>…] measures only the rows whose name holds one of them; BENCH_ONLY=- measures none (a load to keep). */
const onlyWords = process.env.BENCH_ONLY?.split(',').map((w) => w.trim()).filter(Boolean);
const only = (name: string) => !onlyWords || (process.env.BENCH_ONLY !== '-' && onlyWords.some((w) => name.includes(w)));

async function withAdmin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try { return await work(client); } finally { await client.end(); }
}

/** Wall-clock p50/p95 of `work`, and the p50 of the CPU this process spent on it (all its threads). */
async function timeIt(label: string, n: number, work: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number; cpu50: number }> {
  for (let i = 0; i < Math.min(5, n); i++) await work(i); // warm caches and plans
  const times: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    await work(i);
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  const at = (list: number[], q: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(q * list.length))];
  return { p50: at(times, 0.5), p95: at(times, 0.95), cpu50: at(cpus, 0.5) };
}

async function load(db: Kysely<Database>, items: Iterable<BenchItem[]>): Promise<void> {
  await sql`INSERT INTO sources (name) VALUES ('bench')`.execute(db);
  for (const batch of items) {
    const customers = [...new Set(batch.map((i) => i.customer))];
    await sql`INSERT INTO customers (id, tier) SELECT id, CASE WHEN right(id, 2) = '07' THEN 'vip' ELSE 'standard' END
              FROM unnest(${customers}::text[]) AS id ON CONFLICT DO NOTHING`.execute(db);
    const col = <K extends keyof BenchItem>(k: K) => batch.map((i) => i[k]);
    // One statement per batch, as intake's group commit does: the rollup trigger runs once for it.
    await sql`
      INSERT INTO feedback (id, source, external_id, customer_id, channel, text, text_norm, kind, topic, sentiment, score,
        priority, classified_via, state, assignee_id, rating, occurred_at, created_at, response_due_at, resolve_due_at,
        first_response_at, resolved_at, closed_at, carded)
      SELECT id, 'bench', id, customer, channel, text, text, kind, topic, sentiment, 0.8, priority, 'offline', state, assignee,
        rating, created_at, created_at, response_due_at, resolve_due_at, first_response_at, resolved_at, closed_at, false
      FROM unnest(${col('id')}::text[], ${col('customer')}::text[], ${col('channel')}::text[], ${col('text')}::text[],
        ${col('kind')}::text[], ${col('topic')}::text[], ${col('sentiment')}::text[], ${col('priority')}::text[],
        ${col('state')}::text[], ${col('assignee')}::text[], ${col('rating')}::int[], ${col('createdAt')}::timestamptz[],
        ${col('responseDueAt')}::timestamptz[], ${col('resolveDueAt')}::timestamptz[], ${col('firstResponseAt')}::timestamptz[],
        ${col('resolvedAt')}::timestamptz[], ${col('closedAt')}::timestamptz[])
        AS t(id, customer, channel, text, kind, topic, sentiment, priority, state, assignee, rating, created_at,
             response_due_at, resolve_due_at, first_response_at, resolved_at, closed_at)`.execute(db);
  }
}

/**
 * Each item's audit trail as the desk writes it, derived from its times in one statement per
 * kind of event: claimed and replied (with the reply's text) when it was first answered, resolved
 * when it was resolved, closed when it was closed; by its assignee. Digests and exports read these.
 */
async function loadEvents(db: Kysely<Database>): Promise<void> {
  process.stderr.write('\nderiving the items\' events…');
  const codes = sql`(ARRAY['solved','refunded','replaced','explained'])[1 + (seq % 4)]`;
  await sql`INSERT INTO feedback_events (feedback_id, type, actor_id, data, created_at)
    SELECT id, 'claimed', assignee_id, '{}'::jsonb, created_at + (first_response_at - created_at) / 2 FROM feedback WHERE first_response_at IS NOT NULL`.execute(db);
  await sql`INSERT INTO feedback_events (feedback_id, type, actor_id, data, created_at)
    SELECT id, 'replied', assignee_id, jsonb_build_object('text', CASE WHEN seq % 3 = 0 THEN '您好，已为您加急处理，请留意短信通知 138****' || lpad((seq % 10000)::text, 4, '0')
      ELSE 'Sorry for the trouble, we have escalated it and will update you within a day.' END), first_response_at
    FROM feedback WHERE first_response_at IS NOT NULL`.execute(db);
  await sql`INSERT INTO feedback_events (feedback_id, type, actor_id, data, created_at)
    SELECT id, 'resolved', assignee_id, jsonb_build_object('code', ${codes}), resolved_at FROM feedback WHERE resolved_at IS NOT NULL`.execute(db);
  await sql`INSERT INTO feedback_events (feedback_id, type, actor_id, data, created_at)
    SELECT id, 'closed', assignee_id, jsonb_build_object('code', ${codes}), closed_at FROM feedback WHERE closed_at IS NOT NULL`.execute(db);
}

function period(word: string, now: Date): Period {
  const p = parsePeriod(word, now, ZONE);
  if (!isPeriod(p)) throw new Error(`bad period ${word}`);
  return p;
}

async function main(): Promise<void> {
  const reuse = process.env.BENCH_REUSE;
  if (reuse && !/^fd_bench_stats_[0-9a-f]{8}$/.test(reuse)) throw new Error('BENCH_REUSE names a database this bench kept');
  const name = reuse ?? `fd_bench_stats_${randomBytes(4).toString('hex')}`;
  if (!reuse) await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  try {
    const { db } = database;
    await migrateToLatest(db);
    const now = new Date();
    const agents = Array.from({ length: 20 }, (_, n) => `agent-${n}`);
    if (!reuse) for (const id of agents) await db.insertInto('agents').values({ id, name: `Agent ${id}`, role: 'agent' }).execute();

    let started = performance.now();
    const customersOfItems: string[] = [];
    if (reuse) {
      const { rows } = await sql<{ customer_id: string }>`SELECT customer_id FROM feedback TABLESAMPLE SYSTEM (1) LIMIT 10000`.execute(db);
      customersOfItems.push(...rows.map((r) => r.customer_id));
    } else await load(db, (function* () {
      for (const batch of generateItems(total, now, agents, BATCH)) {
        for (let i = 0; i < batch.length; i += 97) customersOfItems.push(batch[i].customer);
        process.stderr.write(`\rloading ${customersOfItems.length * 97} items…`);
        yield batch;
      }
    })());
    if (!reuse) await loadEvents(db);
    const loadSecs = (performance.now() - started) / 1000;
    started = performance.now();
    const folded = reuse ? 0 : await compactStatsDeltas(db);
    const foldSecs = (performance.now() - started) / 1000;
    started = performance.now();
    if (!reuse) await sql`VACUUM ANALYZE`.execute(db);
    const vacuumSecs = (performance.now() - started) / 1000;
    const today = period('today', now);
    const month = period('30d', now);
    const counts = await sql<{ items: number; events: number; hourly: number; common: number; middle: number; rare: number; today: number; month: number }>`
      SELECT (SELECT count(*) FROM feedback)::int AS items, (SELECT count(*) FROM feedback_events)::int AS events, (SELECT count(*) FROM stats_hourly)::int AS hourly,
             (SELECT count(*) FROM feedback WHERE created_at >= ${today.from})::int AS today,
             (SELECT count(*) FROM feedback WHERE created_at >= ${month.from})::int AS month,
             (SELECT count(*) FROM feedback WHERE text LIKE ${`%${MIDDLE_WORD}%`})::int AS middle,
             (SELECT count(*) FROM feedback WHERE text LIKE ${`%${COMMON_WORD}%`})::int AS common,
             (SELECT count(*) FROM feedback WHERE text LIKE ${`%${RARE_WORD}%`})::int AS rare`.execute(db);
    const c = counts.rows[0];
    process.stderr.write('\n');
    console.log(`loaded ${c.items} items and ${c.events} events in ${loadSecs.toFixed(1)} s (${Math.round(c.items / loadSecs)} items/s, rollup trigger and search terms included);`
      + ` folded ${folded} delta rows into ${c.hourly} hourly rows in ${foldSecs.toFixed(1)} s; VACUUM ANALYZE ${vacuumSecs.toFixed(1)} s`);
    console.log(`"${COMMON_WORD}" is in ${c.common} items, "${MIDDLE_WORD}" in ${c.middle}, "${RARE_WORD}" in ${c.rare};`
      + ` ${c.today} items arrived today (${ZONE}), ${c.month} in the last 30 days`);
    const plain = (range: Period | null) => () => sql`SELECT topic, count(*) FROM feedback
      ${range ? sql`WHERE created_at >= ${range.from} AND created_at < ${range.to}` : sql``} GROUP BY topic`.execute(db);
    const baselineToday = await timeIt('plain today', runs, plain(today));
    const baseline30 = await timeIt('plain 30d', runs, plain(month));
    const baselineAll = await timeIt('plain all', Math.min(runs, 15), plain(null));
    const pick = (i: number) => customersOfItems[(i * 7919) % customersOfItems.length];

    const rows: { name: string; p50: number; p95: number; cpu50: number; target?: number; base: { p50: number }; baseName: string }[] = [];
    const add = async (label: string, target: number | undefined, base: { p50: number }, baseName: string, work: (i: number) => Promise<unknown>) => {
      if (only(label)) rows.push({ name: label, target, base, baseName, ...(await timeIt(label, runs, work)) });
    };
    await add('stats today', 50, baselineToday, 'count(*) today group by topic', () => periodStats(db, period('today', new Date()), new Date()));
    await add('stats 30d by topic', 50, baseline30, 'count(*) 30 days group by topic', () => periodStats(db, period('30d', new Date()), new Date(), 'topic'));
    await add('customer', undefined, baselineAll, 'count(*) group by topic, whole table', (i) => customerHistory(db, pick(i)));
    await add(`search ${COMMON_WORD} (common)`, 100, baselineAll, 'count(*) group by topic, whole table', () => searchItems(db, [COMMON_WORD]));
    await add(`search ${RARE_WORD} (rare)`, 100, baselineAll, 'count(*) group by topic, whole table', () => searchItems(db, [RARE_WORD]));
    await add(`search ${MIDDLE_WORD} (about 1 in 100), page 5`, 100, baselineAll, 'count(*) group by topic, whole table', () => searchItems(db, [MIDDLE_WORD], 5));
    await add(`search ${COMMON_WORD} page 5`, 100, baselineAll, 'count(*) group by topic, whole table', () => searchItems(db, [COMMON_WORD], 5));

    const extraModule = './stats-extra.js'; // optional: absent until another part adds its measures
    const extra = process.env.BENCH_EXTRA === '0' ? [] : await import(extraModule).then((m: { measures?: ExtraMeasure[] }) => m.measures ?? [], () => [] as ExtraMeasure[]);
    for (const m of extra.filter((e) => only(e.name))) rows.push({ name: m.name, target: m.target, base: baselineAll, baseName: 'count(*) group by topic, whole table', ...(await timeIt(m.name, m.runs ?? 5, () => m.run(db, new Date(), ZONE))) });

    console.log(`\n${c.items} items, ${runs} runs each, PostgreSQL at ${url.host}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (${cpus().length} cores)`);
    console.log(`plain count(*) … group by topic: today p50 ${baselineToday.p50.toFixed(1)} ms · 30 days p50 ${baseline30.p50.toFixed(1)} ms · whole table p50 ${baselineAll.p50.toFixed(1)} ms`);
    console.log('| measure | p50 ms | p95 ms | target p95 | ratio to plain count(*) p50 | this process\'s CPU p50 ms |');
    console.log('|---|---|---|---|---|---|');
    for (const r of rows) {
      const ok = r.target === undefined ? '' : `${r.target} ms ${r.p95 <= r.target ? 'met' : 'NOT met'}`;
      console.log(`| ${r.name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${ok} | ${(r.p50 / r.base.p50).toFixed(3)} × ${r.baseName} | ${r.cpu50.toFixed(0)} |`);
    }
  } finally {
    await database.close();
    if (process.env.BENCH_KEEP === '1') console.log(`kept database ${name} (BENCH_KEEP=1): drop it when done`);
    else await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

await main();
