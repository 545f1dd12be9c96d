// bench/warnings-scan: how long one warnings scan (every signal, every 5 minutes by default) and
// one arrival's safety check take on the statistics bench's data, beside a plain count(*) over
// the same table in the same run.
// Usage: BENCH_KEEP=1 npm run bench:stats   (prints the kept database's name), then
//        BENCH_REUSE=<name> npm run bench:warnings [-- RUNS]
import { sql } from 'kysely';
import { openDatabase } from '../src/db/open.js';
import { loadConfig, messagesFor } from '../src/config.js';
import type { Deps } from '../src/deps.js';
import { scanWarnings } from '../src/warnings/scan.js';
import { safetyData } from '../src/warnings/signal-data.js';
import { safetyMatcher } from '../src/warnings/safety-words.js';

const runs = Number(process.argv[2] ?? 10);
const name = process.env.BENCH_REUSE;
if (!name) {
  console.error('BENCH_REUSE=<database kept by BENCH_KEEP=1 npm run bench:stats> is required');
  process.exit(2);
}
const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const url = server.replace(/\/[^/]*$/, `/${name}`);

const { db, close } = await openDatabase({ url });
const config = loadConfig({ ...process.env, DATABASE_URL: url, ENCRYPTION_KEY: '0'.repeat(64), INTAKE_SECRET: 'bench-secret-bench-secret' });
const now = (await sql<{ at: Date }>`SELECT max(created_at) AS at FROM feedback`.execute(db)).rows[0]!.at;
const deps = { db, config, t: messagesFor({}), channels: { list: async () => [] }, outbox: { kick() {} } } as unknown as Deps;

async function time(label: string, work: () => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return ms;
}
const pct = (ms: number[], p: number) => ms[Math.min(ms.length - 1, Math.floor(ms.length * p))]!;

const items = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM feedback`.execute(db)).rows[0]!.n);
const base = await time('count', () => sql`SELECT topic, count(*) FROM feedback GROUP BY topic`.execute(db));
const scan = await time('scan', () => scanWarnings(deps, now));
const s = config.warnings.safety;
const matches = safetyMatcher(s.words);
const safety = await time('safety', () => safetyData(db, now, s, matches));
const row = (label: string, ms: number[]) =>
  console.log(`${label.padEnd(44)} p50 ${pct(ms, 0.5).toFixed(0).padStart(6)} ms  p95 ${pct(ms, 0.95).toFixed(0).padStart(6)} ms  ×${(pct(ms, 0.5) / pct(base, 0.5)).toFixed(2)} of count(*)`);
console.log(`${items.toLocaleString('en')} items, ${runs} runs, load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`);
row('count(*) … group by topic (baseline)', base);
row('warnings scan (every signal)', scan);
row('safety check of one arrival', safety);
await close();
