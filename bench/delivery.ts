// bench/delivery: how fast the delivery worker empties the outbox.
// 1. A fake platform (an HTTP server on loopback that answers 429 to a chat sent to faster than its
//    limit) with 100 chats, driven by two workers on separate pools as two instances would be:
//    messages/s, 429s, and the most messages any chat received within one second.
// 2. A backlog of 10,000 new cards for the local chat (unpaced): how long the bot's own worker
//    takes to post them all.
// Usage: npm run bench:delivery [-- CHATS PER_CHAT LIMIT BACKLOG]   (CHATS 0: the backlog part only)
//   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test): a scratch database is
//   created per part and dropped after.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { openDatabase } from '../src/db/open.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { enqueueMessages } from '../src/outbox/enqueue.js';
import { createOutboxWorker } from '../src/outbox/worker.js';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { ingestFeedback } from '../src/intake/ingest.js';
import { PlatformError } from '../adapters/chat-adapter.js';

const chats = Number(process.argv[2] ?? 100);
const perChat = Number(process.argv[3] ?? 60);
const limit = Number(process.argv[4] ?? 20);
const backlog = Number(process.argv[5] ?? 10_000);
const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const log = pino({ level: 'silent' });

async function scratchDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `fd_bench_${randomBytes(4).toString('hex')}`;
  const adminClient = async (q: string) => { const c = new pg.Client({ connectionString: admin }); await c.connect(); try { await c.query(q); } finally { await c.end(); } };
  await adminClient(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  try { return await work(url.toString()); } finally { await adminClient(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); }
}

/** The fake platform: records when each chat received each message and refuses bursts with 429. */
function fakePlatform() {
  const received = new Map<string, number[]>();
  let refused = 0;
  const server = http.createServer((req, res) => {
    const chat = req.url!.slice(1);
    req.resume();
    req.on('end', () => {
      const now = performance.now();
      const times = received.get(chat) ?? [];
      // The platform's rule: at most `limit` messages in any one second per chat.
      const lastSecond = times.filter((t) => now - t < 1000).length;
      if (lastSecond >= limit) { refused++; res.writeHead(429, { 'retry-after': '1' }).end(); return; }
      times.push(now);
      received.set(chat, times);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  return { server, received, refused: () => refused };
}

async function paced(): Promise<string> {
  const platform = fakePlatform();
  await new Promise<void>((r) => platform.server.listen(0, '127.0.0.1', r));
  const port = (platform.server.address() as { port: number }).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const deliver = (chatId: string) => new Promise<void>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: `/${chatId}`, method: 'POST', agent }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 429 ? reject(new PlatformError('slack', 'rate_limited', '429', 1000)) : resolve()));
    });
    req.on('error', (e) => reject(new PlatformError('slack', 'unreachable', e.message)));
    req.end('{}');
  });
  try {
    return await scratchDatabase(async (url) => {
      const setup = await openDatabase({ url });
      await migrateToLatest(setup.db);
      const messages = Array.from({ length: chats * perChat }, (_, n) => ({
        idempotencyKey: `m-${n}`, platform: 'fake', chatId: `chat-${n % chats}`, payload: { kind: 'text' as const, text: String(n) },
      }));
      for (let i = 0; i < messages.length; i += 1000) await enqueueMessages(setup.db, messages.slice(i, i + 1000));
      const instances = [await openDatabase({ url }), await openDatabase({ url })];
      const workers = instances.map((instance) => createOutboxWorker({
        db: instance.db, log, pollMs: 50, maxAttempts: 8, paceOf: () => limit,
        delivery: { deliver: (row) => deliver(row.chat_id) },
      }));
      const started = performance.now();
      await Promise.all(workers.map((w) => w.drain()));
      for (let i = 0; i < 5; i++) await Promise.all(workers.map((w) => w.drain()));
      const seconds = (performance.now() - started) / 1000;
      const delivered = [...platform.received.values()].reduce((n, t) => n + t.length, 0);
      let busiest = 0;
      for (const times of platform.received.values()) {
        for (let i = 0, j = 0; i < times.length; i++) {
          while (times[i] - times[j] >= 1000) j++;
          busiest = Math.max(busiest, i - j + 1);
        }
      }
      for (const i of [...instances, setup]) await i.close();
      return [
        `paced: ${chats} chats × ${perChat} messages, limit ${limit}/s per chat, two workers on separate pools`,
        `  delivered ${delivered} of ${chats * perChat} in ${seconds.toFixed(2)} s: ${Math.round(delivered / seconds)} messages/s`,
        `  (the limits allow at most ${chats * limit}/s; the run cannot take less than ${((perChat - 1) / limit).toFixed(2)} s)`,
        `  most messages one chat received within one second: ${busiest} (limit ${limit}); refused with 429: ${platform.refused()}`,
      ].join('\n');
    });
  } finally {
    agent.destroy();
    platform.server.close();
  }
}

async function localBacklog(): Promise<string> {
  return scratchDatabase(async (url) => {
    const config = loadConfig({
      DATABASE_URL: url, INTAKE_SECRET: 'bench-intake-secret-0123456789abcdef', LOG_LEVEL: 'silent', DEMO: '0',
      ENCRYPTION_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
    });
    const app = await buildApp(config, { logger: log });
    try {
      for (let i = 0; i < backlog; i += 500) {
        await Promise.all(Array.from({ length: Math.min(500, backlog - i) }, (_, k) => ingestFeedback(app.deps, 'bench', {
          text: `积压的第 ${i + k} 条反馈：物流太慢了`, customer: { id: `c-${(i + k) % 2000}` }, channel: 'chat',
        })));
      }
      const started = performance.now();
      await app.outbox.drain();
      const seconds = (performance.now() - started) / 1000;
      const shown = await app.deps.db.selectFrom('local_messages').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      // Baseline in the same run: the least any in-order delivery must do, one INSERT of a card's
      // stored body per card, one after the other, on a connection like the worker's.
      const sample = await app.deps.db.selectFrom('local_messages').select('body').limit(1).executeTakeFirstOrThrow();
      const body = JSON.stringify(sample.body);
      const pool = new pg.Pool({ connectionString: url, max: 1, options: '-c synchronous_commit=off' });
      const baseStarted = performance.now();
      for (let i = 0; i < backlog; i++) await pool.query('INSERT INTO local_messages (room, body) VALUES ($1, $2)', ['bench', body]);
      const baseSeconds = (performance.now() - baseStarted) / 1000;
      await pool.end();
      return [
        `local backlog: ${backlog} new cards in the feedback room posted in ${seconds.toFixed(2)} s (${Math.round(Number(shown.n) / seconds)} cards/s, ${shown.n} shown)`,
        `  baseline, ${backlog} single-row INSERTs one after the other: ${baseSeconds.toFixed(2)} s; ours/baseline time ${(seconds / baseSeconds).toFixed(2)}x`,
      ].join('\n');
    } finally {
      await app.close();
    }
  });
}

console.log(`delivery bench, PostgreSQL ${new URL(admin).host}`);
if (chats > 0) console.log(await paced());
console.log(await localBacklog());
