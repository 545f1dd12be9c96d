// `npm run fuzz`: the fuzz suite's generator at full length. Builds the bot on a fresh embedded
// database (or a scratch database on a PostgreSQL server with --postgres URL), sends generated
// hostile requests at every inbound endpoint, and prints the answers by endpoint and status, every
// 5xx with the request behind it, and the heap. Exits 1 on any 5xx or a growing heap.
//   npm run fuzz                                  100,000 requests, seed 1
//   npm run fuzz -- --requests 20000 --seed 7 --postgres postgres://postgres@127.0.0.1:5432/test
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, type OpenDatabase } from '../src/db/open.js';
import { upsertAgent } from '../src/agents-repo.js';
import { LOCAL_ROOMS } from '../adapters/local/rooms.js';
import { runFuzz } from '../test/fuzz/run-fuzz.js';
import { startFakeSlackApi } from '../test/fuzz/fake-slack-api.js';

const MAX_HEAP_GROWTH_MB = 32;
const INTAKE_SECRET = 'fuzz-intake-secret-0123456789abcdef';
const SLACK_SIGNING_SECRET = 'fuzz-slack-signing-secret-0123456789';
const TEAM = [{ id: 'li-wei', name: 'Li Wei', role: 'agent' as const }, { id: 'zhang-min', name: 'Zhang Min', role: 'supervisor' as const }];

const { values } = parseArgs({ options: { requests: { type: 'string', default: '100000' }, seed: { type: 'string', default: '1' }, postgres: { type: 'string' } } });
const count = Number(values.requests);
const seed = Number(values.seed);

const dataDir = await mkdtemp(join(tmpdir(), 'fd-fuzz-'));
const scratch = values.postgres ? await createScratchDatabase(values.postgres) : undefined;
const database: OpenDatabase | undefined = scratch ? await openDatabase({ url: scratch.url }) : undefined;
const slackApi = await startFakeSlackApi();
const config = loadConfig({
  DATA_DIR: dataDir, DEMO: '0', LOG_LEVEL: 'silent', INTAKE_SECRET, ENCRYPTION_KEY: '11'.repeat(32), PORT: '0',
  SLACK_BOT_TOKEN: 'xoxb-fuzz', SLACK_SIGNING_SECRET, SLACK_API_URL: slackApi.url,
});
process.stdout.write(`building the bot on ${scratch ? 'PostgreSQL' : 'a fresh embedded database'}…\n`);
const app = await buildApp(config, { logger: pino({ level: 'silent' }), ...(database ? { database } : {}) });
for (const agent of TEAM) await upsertAgent(app.deps.db, agent);

const report = await runFuzz(app, {
  count, seed,
  target: { intakeSecret: INTAKE_SECRET, slackSigningSecret: SLACK_SIGNING_SECRET, now: () => new Date(), actors: TEAM.map((a) => a.id), rooms: LOCAL_ROOMS.map((r) => r.chatId) },
  onProgress: (done) => { if (done % 10_000 === 0) process.stdout.write(`  ${done.toLocaleString('en')} requests\n`); },
});
await app.close();
await database?.close();
await scratch?.drop();
await slackApi.close();
await rm(dataDir, { recursive: true, force: true });

const growthMb = (report.heapEnd - report.heapWarm) / 1024 / 1024;
process.stdout.write(`\n${report.requests.toLocaleString('en')} requests in ${report.seconds.toFixed(1)} s (${Math.round(report.requests / report.seconds)}/s), seed ${seed}\n\n`);
process.stdout.write(`${'endpoint'.padEnd(16)} answers by status\n`);
for (const [endpoint, statuses] of Object.entries(report.byEndpoint).sort()) {
  process.stdout.write(`${endpoint.padEnd(16)} ${Object.entries(statuses).map(([s, n]) => `${s}: ${n}`).join('  ')}\n`);
}
process.stdout.write(`\n5xx answers: ${Object.entries(report.byStatus).filter(([s]) => Number(s) >= 500).reduce((n, [, c]) => n + c, 0)}\n`);
process.stdout.write(`heap after full collections: ${(report.heapWarm / 1024 / 1024).toFixed(1)} MB at ${Math.floor(count / 5).toLocaleString('en')} requests, ${(report.heapEnd / 1024 / 1024).toFixed(1)} MB at the end (${growthMb >= 0 ? '+' : ''}${growthMb.toFixed(1)} MB; limit +${MAX_HEAP_GROWTH_MB} MB)\n`);
for (const error of report.serverErrors) process.stdout.write(`\n${error.status} from ${JSON.stringify(error.request)}\n  ${error.body}\n`);
process.exit(report.serverErrors.length > 0 || growthMb > MAX_HEAP_GROWTH_MB ? 1 : 0);

async function createScratchDatabase(adminUrl: string) {
  const name = `fd_fuzz_${randomBytes(6).toString('hex')}`;
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try { await client.query(query); } finally { await client.end(); }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
