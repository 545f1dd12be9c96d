// The scheduler on a real database with a controllable clock: each slot runs once, across
// instances too; after downtime the newest missed slot runs once; failures are recorded.
import { getTasks } from 'node-cron';
import pino from 'pino';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { OpenDatabase } from '../../src/db/open.js';
import { recentRuns } from '../../src/jobs/job-runs-repo.js';
import type { JobContext } from '../../src/jobs/job.js';
import { databases, openTestDatabase } from '../helpers/test-database.js';
import { ENCRYPTION_KEY, INTAKE_SECRET } from '../helpers/test-app.js';

class TestClock {
  constructor(public current: Date) {}
  now = () => new Date(this.current);
  set(iso: string) { this.current = new Date(iso); }
}

async function instance(database: OpenDatabase, clock: TestClock, startJobs = false): Promise<App> {
  // The app's own jobs (digests) are switched off: these tests watch only the jobs they register.
  const config = loadConfig({ DATA_DIR: await mkdtemp(join(tmpdir(), 'fd-jobs-')), DEMO: '0', LOG_LEVEL: 'silent', INTAKE_SECRET, ENCRYPTION_KEY, PORT: '0',
    DIGEST_DAILY_CRON: 'off', DIGEST_WEEKLY_CRON: 'off' });
  return buildApp(config, { database, clock, logger: pino({ level: 'silent' }), startJobs });
}

describe.each(databases)('%s: scheduled jobs', (kind) => {
  let database: OpenDatabase;
  let apps: App[] = [];
  const clock = new TestClock(new Date('2026-12-02T02:00:00Z'));
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    apps = [await instance(database, clock), await instance(database, clock)];
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await database?.close();
  });

  test('a slot runs once; the next slot runs again', async () => {
    const [app] = apps;
    const runs: JobContext[] = [];
    app!.deps.jobs.register({ name: 'test.every5', cron: '*/5 * * * *', run: async (ctx) => { runs.push(ctx); } });
    clock.set('2026-12-02T02:01:00Z');
    const ran = async () => (await app!.deps.jobs.runDue()).map((r) => r.job).filter((name) => name.startsWith('test.'));
    expect(await ran()).toEqual(['test.every5']);
    expect(await ran()).toEqual([]);
    clock.set('2026-12-02T02:04:59Z');
    expect(await ran()).toEqual([]);
    clock.set('2026-12-02T02:05:10Z');
    await app!.deps.jobs.runDue();
    expect(runs.map((r) => r.scheduledFor.toISOString())).toEqual(['2026-12-02T02:00:00.000Z', '2026-12-02T02:05:00.000Z']);
    expect(runs.map((r) => r.caughtUp)).toEqual([false, false]);
    const recorded = await recentRuns(app!.deps.db, { job: 'test.every5' });
    expect(recorded.map((r) => [r.outcome, r.scheduledFor.toISOString()])).toEqual([['ok', '2026-12-02T02:05:00.000Z'], ['ok', '2026-12-02T02:00:00.000Z']]);
    expect(recorded.every((r) => r.durationMs !== null && r.durationMs >= 0)).toBe(true);
  });

  test('after downtime the newest missed slot runs once, marked as a catch-up', async () => {
    const [app] = apps;
    const slots: string[] = [];
    app!.deps.jobs.register({ name: 'test.hourly', cron: '0 * * * *', run: async (ctx) => { slots.push(`${ctx.scheduledFor.toISOString()} ${ctx.caughtUp}`); } });
    clock.set('2026-12-02T10:00:05Z');
    await app!.deps.jobs.runJob('test.hourly');
    // Down from 10:00 to 13:07: 11:00, 12:00 and 13:00 were missed; only 13:00 runs, once.
    clock.set('2026-12-02T13:07:00Z');
    const first = await app!.deps.jobs.runJob('test.hourly');
    const again = await app!.deps.jobs.runJob('test.hourly');
    expect(again).toBeNull();
    expect(first).toMatchObject({ outcome: 'ok', caughtUp: true, missedSlots: 2 });
    expect(slots).toEqual(['2026-12-02T10:00:00.000Z false', '2026-12-02T13:00:00.000Z true']);
    const [latest] = await recentRuns(app!.deps.db, { job: 'test.hourly', limit: 1 });
    expect(latest).toMatchObject({ caughtUp: true, missedSlots: 2, outcome: 'ok' });
  });

  test('two instances running the same job at once run each slot once', async () => {
    let count = 0;
    for (const app of apps) {
      app.deps.jobs.register({
        name: 'test.shared', cron: '*/10 * * * *',
        run: async () => { count++; await new Promise((r) => setTimeout(r, 30)); },
      });
    }
    for (const minute of ['00', '10', '20']) {
      clock.set(`2026-12-03T04:${minute}:01Z`);
      const results = await Promise.all([...apps, ...apps].map((app) => app.deps.jobs.runJob('test.shared')));
      expect(results.filter(Boolean)).toHaveLength(1);
    }
    expect(count).toBe(3);
    const rows = await recentRuns(apps[0]!.deps.db, { job: 'test.shared' });
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.scheduledFor.toISOString())).size).toBe(3);
  });

  test('a run that throws is recorded as failed with its error; the next slot runs', async () => {
    const [app] = apps;
    let fail = true;
    app!.deps.jobs.register({ name: 'test.flaky', cron: '*/5 * * * *', run: async () => { if (fail) throw new Error('warehouse API down'); } });
    clock.set('2026-12-04T00:00:00Z');
    expect(await app!.deps.jobs.runJob('test.flaky')).toMatchObject({ outcome: 'failed', error: 'warehouse API down' });
    fail = false;
    clock.set('2026-12-04T00:05:00Z');
    expect(await app!.deps.jobs.runJob('test.flaky')).toMatchObject({ outcome: 'ok' });
    const rows = await recentRuns(app!.deps.db, { job: 'test.flaky' });
    expect(rows.map((r) => [r.outcome, r.error])).toEqual([['ok', null], ['failed', 'warehouse API down']]);
  });

  test('a run in progress blocks the next slot; one left by a crashed instance stops blocking after its lease', async () => {
    const [a, b] = apps;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started = 0;
    const job = { name: 'test.slow', cron: '* * * * *', leaseMs: 5 * 60_000, run: async () => { started++; await gate; } };
    a!.deps.jobs.register(job);
    b!.deps.jobs.register(job);
    clock.set('2026-12-05T00:00:00Z');
    const slow = a!.deps.jobs.runJob('test.slow');
    await new Promise((r) => setTimeout(r, 50));
    clock.set('2026-12-05T00:01:00Z');
    expect(await b!.deps.jobs.runJob('test.slow')).toBeNull();
    release();
    await slow;
    expect(await b!.deps.jobs.runJob('test.slow')).toMatchObject({ outcome: 'ok' });
    // A crashed run: its row stays 'running'.
    await a!.deps.db.insertInto('job_runs').values({ job: 'test.slow', scheduled_for: new Date('2026-12-05T00:02:00Z'), started_at: new Date('2026-12-05T00:02:00Z'), instance: 'gone' }).execute();
    clock.set('2026-12-05T00:03:00Z');
    expect(await b!.deps.jobs.runJob('test.slow')).toBeNull();
    clock.set('2026-12-05T00:08:00Z');
    expect(await b!.deps.jobs.runJob('test.slow')).toMatchObject({ outcome: 'ok' });
    const rows = await recentRuns(a!.deps.db, { job: 'test.slow' });
    expect(rows.map((r) => r.outcome)).toEqual(['ok', 'abandoned', 'ok', 'ok']);
    expect(started).toBe(3);
  });

  test('a name registered twice or a bad cron expression is refused', () => {
    const [app] = apps;
    expect(() => app!.deps.jobs.register({ name: 'test.every5', cron: '*/5 * * * *', run: async () => {} })).toThrow(/twice/);
    expect(() => app!.deps.jobs.register({ name: 'test.bad', cron: '61 * * * *', run: async () => {} })).toThrow(/cron/);
  });
});

describe.each(databases)('%s: jobs started with the app', (kind) => {
  test('start catches up the newest slot at once; close leaves no timer behind', async () => {
    const database = await openTestDatabase(kind);
    const clock = new TestClock(new Date());
    const app = await instance(database, clock);
    const seen: string[] = [];
    app.deps.jobs.register({ name: 'test.started', cron: '0 3 * * *', run: async (ctx) => { seen.push(ctx.scheduledFor.toISOString()); } });
    const before = getTasks().size;
    app.deps.jobs.start();
    expect(getTasks().size).toBe(before + app.deps.jobs.names.length);
    for (let n = 0; n < 100 && seen.length === 0; n++) await new Promise((r) => setTimeout(r, 20));
    expect(seen).toHaveLength(1);
    await app.close();
    await database.close();
    expect(getTasks().size).toBe(before);
  });
});
