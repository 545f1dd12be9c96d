// The database going away under load: every answer is a success or a 503 with Retry-After (never
// a 500), /readyz says why, the bot recovers on its own when the database comes back, and nothing
// is half-written or doubled. PostgreSQL is reached through a proxy of the test's own, which is
// cut and restored; the server itself is never touched. An embedded database cannot be cut off
// (it lives in the process), so its case is the closest one: the engine closed under the bot.
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import pino from 'pino';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { PGLITE_EXTENSIONS, openDatabase, type OpenDatabase } from '../../src/db/open.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { upsertAgent } from '../../src/agents-repo.js';
import { ENCRYPTION_KEY, INTAKE_SECRET, TEAM, postFeedback, signedIntake } from '../helpers/test-app.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

const ADMIN_URL = process.env.TEST_DATABASE_URL;

async function appOn(database: OpenDatabase): Promise<App> {
  const dataDir = await mkdtemp(join(tmpdir(), 'fd-outage-'));
  const config = loadConfig({ DATA_DIR: dataDir, DEMO: '0', LOG_LEVEL: 'silent', INTAKE_SECRET, ENCRYPTION_KEY, PORT: '0' });
  const app = await buildApp(config, { database, logger: pino({ level: 'silent' }) });
  for (const agent of TEAM) await upsertAgent(app.deps.db, agent);
  return app;
}

const until = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe.runIf(ADMIN_URL)('postgres: the database cut off under load and restored', () => {
  const name = `fd_outage_${randomBytes(6).toString('hex')}`;
  let proxy: TcpProxy;
  let database: OpenDatabase;
  let app: App;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const server = new URL(ADMIN_URL!);
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    const url = new URL(ADMIN_URL!);
    url.host = `127.0.0.1:${proxy.port}`;
    url.pathname = `/${name}`;
    database = await openDatabase({ url: url.toString() });
    await migrateToLatest(database.db);
    app = await appOn(database);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await proxy?.close();
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  test('503 with Retry-After while cut, /readyz says why, recovery without a restart, nothing half-written', async () => {
    const answers: { externalId: string; status: number; retryAfter?: string; phase: string }[] = [];
    let phase = 'up';
    let stopped = false;
    let next = 0;
    const sender = async () => {
      while (!stopped) {
        const externalId = `load-${next++}`;
        const res = await postFeedback(app, { text: `第 ${externalId} 条：物流一直没有更新`, customer: { id: `c-${externalId}` }, channel: 'chat', external_id: externalId });
        answers.push({ externalId, status: res.statusCode, retryAfter: res.headers['retry-after'] as string | undefined, phase });
      }
    };
    const senders = Array.from({ length: 4 }, sender);
    const count = (p: string, status: number) => answers.filter((a) => a.phase === p && a.status === status).length;

    await until(() => count('up', 202) >= 10, 20_000);
    phase = 'cut';
    await proxy.cut();
    await until(() => count('cut', 503) >= 8, 20_000);

    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBe('5');
    expect(ready.json()).toMatchObject({ ready: false, checks: { database: 'unreachable' }, reasons: [expect.stringMatching(/^database unreachable \(/)] });
    const command = await app.inject({ method: 'POST', url: '/local/api/commands', payload: { actor: 'li-wei', room: 'feedback', text: '/fb queue' } });
    expect(command.statusCode).toBe(503);
    expect(command.json()).toMatchObject({ error: 'database_unavailable', message: expect.stringContaining('retry') });
    const action = await app.inject({ method: 'POST', url: '/local/api/actions', payload: { actor: 'li-wei', item_id: 'x', action: 'claim' } });
    expect(action.statusCode).toBe(503);
    const batch = await app.inject({ method: 'POST', url: '/intake/web/batch', ...signedIntake({ items: [{ text: '批量一条', customer: { id: 'c-b' }, channel: 'chat', external_id: 'batch-1' }] }) });
    expect(batch.statusCode).toBe(503);
    expect(batch.headers['retry-after']).toBe('5');

    phase = 'restored';
    await proxy.restore();
    await until(() => count('restored', 202) >= 10, 30_000);
    stopped = true;
    await Promise.all(senders);
    expect((await app.inject('/readyz')).json()).toMatchObject({ ready: true, checks: { database: 'ok', migrations: 'ok' } });

    // Every answer was a success or a 503 that says when to retry.
    expect(answers.filter((a) => ![200, 202, 503].includes(a.status))).toEqual([]);
    expect(answers.filter((a) => a.status === 503 && a.retryAfter !== '5')).toEqual([]);
    // Nothing half-written: every stored item has its audit event and its card queued.
    const orphans = await sql<{ id: string }>`
      select f.id from feedback f
      where not exists (select 1 from feedback_events e where e.feedback_id = f.id and e.type = 'created')
         or not exists (select 1 from outbox o where o.feedback_id = f.id)`.execute(app.deps.db);
    expect(orphans.rows).toEqual([]);
    // The senders retry what got a 503: each item ends stored exactly once.
    for (const a of answers.filter((x) => x.status === 503)) {
      const again = await postFeedback(app, { text: `第 ${a.externalId} 条：物流一直没有更新`, customer: { id: `c-${a.externalId}` }, channel: 'chat', external_id: a.externalId });
      expect([200, 202]).toContain(again.statusCode);
    }
    const stored = await app.deps.db.selectFrom('feedback').select(['external_id']).where('external_id', 'like', 'load-%').execute();
    expect(stored.length).toBe(answers.length);
    expect(new Set(stored.map((r) => r.external_id)).size).toBe(answers.length);
  });
});

describe('pglite: the embedded engine closed under the bot', () => {
  let pglite: PGlite;
  let app: App;
  beforeAll(async () => {
    const { readFile } = await import('node:fs/promises');
    pglite = await PGlite.create({ loadDataDir: new Blob([await readFile(inject('pgliteTemplate'))]), extensions: PGLITE_EXTENSIONS });
    app = await appOn(await openDatabase({ pglite }));
  });
  afterAll(async () => { await app.close(); });

  test('intake, commands and /readyz answer 503 with Retry-After, not 500', async () => {
    expect((await postFeedback(app, { text: '物流一直没有更新', customer: { id: 'c-1' }, channel: 'chat' })).statusCode).toBe(202);
    await pglite.close();
    const intake = await postFeedback(app, { text: '又一条：物流一直没有更新', customer: { id: 'c-2' }, channel: 'chat' });
    expect(intake.statusCode).toBe(503);
    expect(intake.headers['retry-after']).toBe('5');
    expect(intake.json().error).toBe('database_unavailable');
    const command = await app.inject({ method: 'POST', url: '/local/api/commands', payload: { actor: 'li-wei', room: 'feedback', text: '/fb stats today' } });
    expect(command.statusCode).toBe(503);
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json().reasons).toEqual(['database unreachable (pglite is closed)']);
  });
});
