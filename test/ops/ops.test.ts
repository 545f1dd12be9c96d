// What an operator relies on: health, readiness, metrics, masked logs, and a readable refusal to
// start with bad settings.
import { execFile } from 'node:child_process';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { buildTestApp, postFeedback } from '../helpers/test-app.js';

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

  test('start-up with bad settings prints one line per problem and exits 1', async () => {
    const run = promisify(execFile)('npx', ['tsx', 'src/main.ts'], { env: { ...process.env, PORT: 'eighty', DATABASE_URL: 'postgres://x/y', INTAKE_SECRET: 'too-short' } });
    const failure = await run.then(() => undefined, (e: { code: number; stderr: string }) => e);
    expect(failure?.code).toBe(1);
    const lines = failure!.stderr.split('\n').filter((l) => l.startsWith('- '));
    expect(lines.map((l) => l.split(':')[0]).sort()).toEqual(['- ENCRYPTION_KEY', '- INTAKE_SECRET', '- PORT']);
    expect(failure!.stderr).not.toContain('too-short');
  });
});
