// What an operator relies on: health, readiness, metrics, masked logs, and a readable refusal to
// start with bad settings.
import { execFile } from 'node:child_process';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { act, buildTestApp, postFeedback } from '../helpers/test-app.js';

describe('operations', () => {
  let app: App;
  beforeAll(async () => { app = await buildTestApp('pglite'); });
  afterAll(async () => { await app.close(); });

  test('healthz, readyz and metrics answer', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ ok: true });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ ready: true, checks: { database: 'ok', migrations: 'ok' }, undeliveredMessages: 0 });
    await postFeedback(app, { text: '客服态度太差了', customer: { id: 'c-m' }, channel: 'chat' });
    const metrics = await app.inject('/metrics');
    expect(metrics.body).toContain('feedback_intake_total{source="web",outcome="created"} 1');
    expect(metrics.body).toContain('process_cpu_user_seconds_total');
  });

  test('unknown routes get a readable 404', async () => {
    const res = await app.inject('/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('没有这个地址 / Not found');
  });

  test('log lines never carry personal data', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const log = createLogger('info', sink);
    log.info({ customer: { note: 'call 13912345678' }, email: 'amy@example.com' }, 'reply to 138 1234 5678');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/13912345678|amy@example\.com|138 1234 5678/);
    expect(lines[0]).toContain('[PHONE]');
  });

  test('metric labels come from closed sets: 500 made-up actions add no series', async () => {
    const { id } = (await postFeedback(app, { text: '发票抬头开错了', customer: { id: 'c-lbl' }, channel: 'chat' })).json();
    for (let n = 0; n < 500; n++) await act(app, 'li-wei', id, `made-up-${n}`);
    await act(app, 'li-wei', id, 'claim');
    const series = (body: string) => body.split('\n').filter((l) => l.startsWith('feedback_actions_total{')).length;
    const before = series((await app.inject('/metrics')).body);
    for (let n = 500; n < 1000; n++) await act(app, 'li-wei', id, `made-up-${n}`);
    const metrics = (await app.inject('/metrics')).body;
    expect(metrics).not.toContain('made-up');
    expect(metrics).toContain('feedback_actions_total{action="other",outcome="bad_input"} 1000');
    expect(metrics).toContain('feedback_actions_total{action="claim",outcome="ok"} 1');
    expect(series(metrics)).toBe(before); // only counts changed
  });

  test('request URLs (path and query) and error messages are masked in the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const logged = await buildTestApp('pglite', { logger: createLogger('info', sink) });
    try {
      await logged.inject('/local/api/rooms/13912345678/messages?phone=139%201234%205678&email=amy%40example.com');
      await logged.inject('/nope/amy@example.com');
      logged.log.error(new Error('customer 13812345678 could not be reached'), 'send failed');
      logged.log.warn({ err: Object.assign(new Error('duplicate key'), { detail: 'Key (id)=(bob@example.com) already exists' }) }, 'insert failed');
    } finally {
      await logged.close();
    }
    const text = lines.join('');
    expect(text).not.toMatch(/13912345678|139 1234 5678|139%201234|13812345678|amy@example\.com|amy%40example|bob@example\.com/);
    expect(text).toContain('/local/api/rooms/[PHONE]/messages?phone=[PHONE]&email=[EMAIL]');
    expect(text).toContain('customer [PHONE] could not be reached');
    expect(text).toContain('Key (id)=([EMAIL]) already exists');
  });

  test('start-up with bad settings prints one line per problem and exits 1', async () => {
    const run = promisify(execFile)('npx', ['tsx', 'src/main.ts'], { env: { ...process.env, PORT: 'eighty', DATABASE_URL: 'postgres://x/y', INTAKE_SECRET: 'too-short' } });
    const failure = await run.then(() => undefined, (e: { code: number; stderr: string }) => e);
    expect(failure?.code).toBe(1);
    const lines = failure!.stderr.split('\n').filter((l) => l.startsWith('- '));
    expect(lines.map((l) => l.split(':')[0]).sort()).toEqual(['- ENCRYPTION_KEY', '- INTAKE_SECRET', '- PORT']);
    expect(failure!.stderr).not.toContain('too-short');
  });
});
