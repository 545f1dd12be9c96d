// Replies reach the customer's channel through REPLY_WEBHOOK_URL, signed in a context of their own
// (never accepted by intake), retried on 5xx and 429; without a webhook they are recorded on the
// item, never dropped.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { verifyIntakeSignature, verifyReplySignature } from '../../src/intake/signature.js';
import { INTAKE_SECRET, act, buildTestApp, postFeedback } from '../helpers/test-app.js';

describe('reply webhook', () => {
  let app: App;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    app = await buildTestApp('pglite', { env: { REPLY_WEBHOOK_URL: 'http://replies.test/hook' } });
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => { await app.close(); nock.enableNetConnect(); });

  test('a reply is posted once with the agent name, signed; a 500 is retried', async () => {
    const { id } = (await postFeedback(app, { text: '退款还没到账', customer: { id: 'c-r' }, channel: 'chat', external_id: 'ext-r' })).json();
    await act(app, 'li-wei', id, 'claim');
    let received: { body: string; headers: Record<string, string> } | undefined;
    const headers: Record<string, string> = {};
    const keep = (name: string) => (value: string | null) => ((headers[name] = value ?? ''), true);
    const hook = nock('http://replies.test')
      .matchHeader('x-feedback-timestamp', keep('x-feedback-timestamp'))
      .matchHeader('x-feedback-reply-signature', keep('x-feedback-reply-signature'))
      .post('/hook').reply(500).post('/hook').reply(200, { ok: true });
    hook.on('request', (_req: unknown, _interceptor: unknown, body: string) => { received = { body, headers }; });
    expect((await act(app, 'li-wei', id, 'reply', { text: '已为您加急处理，电话 13912345678' })).statusCode).toBe(200);
    await app.outbox.drain();
    await app.deps.db.updateTable('outbox').set({ next_attempt_at: new Date(0) }).where('status', '=', 'pending').execute();
    await app.outbox.drain();
    expect(hook.isDone()).toBe(true);
    const body = JSON.parse(received!.body);
    expect(body).toMatchObject({ item_id: id, external_id: 'ext-r', agent_name: 'Li Wei', text: '已为您加急处理，电话 [PHONE]' });
    const signed = { rawBody: received!.body, timestamp: received!.headers['x-feedback-timestamp'], signature: received!.headers['x-feedback-reply-signature'], secret: INTAKE_SECRET, now: new Date() };
    expect(verifyReplySignature(signed).ok).toBe(true);
    expect(verifyIntakeSignature(signed)).toEqual({ ok: false, reason: 'bad_signature' });
    // Replayed into intake as captured, or with the signature moved to intake's header: refused.
    const replayed = { 'content-type': 'application/json', 'x-feedback-timestamp': signed.timestamp! };
    const asCaptured = await app.inject({ method: 'POST', url: '/intake/web', headers: { ...replayed, 'x-feedback-reply-signature': signed.signature! }, payload: signed.rawBody });
    expect(asCaptured.statusCode).toBe(401);
    const moved = await app.inject({ method: 'POST', url: '/intake/web', headers: { ...replayed, 'x-feedback-signature': signed.signature! }, payload: signed.rawBody });
    expect(moved.statusCode).toBe(401);
    expect(moved.json().error).toBe('bad_signature');
    const reply = await app.deps.db.selectFrom('replies').select('status').where('feedback_id', '=', id).executeTakeFirstOrThrow();
    expect(reply.status).toBe('sent');
  });

  test('internal notes never reach the customer', async () => {
    const { id } = (await postFeedback(app, { text: '东西坏了', customer: { id: 'c-n' }, channel: 'chat' })).json();
    const hook = nock('http://replies.test').post('/hook').reply(200);
    expect((await act(app, 'li-wei', id, 'note', { text: '客户上次也投诉过' })).statusCode).toBe(200);
    await app.outbox.drain();
    expect(hook.isDone()).toBe(false);
  });
});

describe('reply webhook with a secret of its own', () => {
  const REPLY_SECRET = 'reply-only-secret-0123456789abcdef';
  let app: App;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    app = await buildTestApp('pglite', { env: { REPLY_WEBHOOK_URL: 'http://replies.test/hook', REPLY_WEBHOOK_SECRET: REPLY_SECRET } });
  });
  afterAll(async () => { await app.close(); nock.cleanAll(); nock.enableNetConnect(); });

  test('REPLY_WEBHOOK_SECRET signs replies, and the intake secret no longer does', async () => {
    const { id } = (await postFeedback(app, { text: '发票开错了', customer: { id: 'c-s' }, channel: 'chat' })).json();
    await act(app, 'li-wei', id, 'claim');
    let signed: { rawBody: string; timestamp?: string; signature?: string } | undefined;
    const headers: Record<string, string> = {};
    const keep = (name: string) => (value: string | null) => ((headers[name] = value ?? ''), true);
    const hook = nock('http://replies.test').matchHeader('x-feedback-timestamp', keep('timestamp')).matchHeader('x-feedback-reply-signature', keep('signature'))
      .post('/hook').reply(200, { ok: true });
    hook.on('request', (_req: unknown, _interceptor: unknown, body: string) => { signed = { rawBody: body, ...headers }; });
    expect((await act(app, 'li-wei', id, 'reply', { text: '已重新开具' })).statusCode).toBe(200);
    await app.outbox.drain();
    await app.outbox.drain();
    expect(signed).toBeDefined();
    expect(verifyReplySignature({ ...signed!, secret: REPLY_SECRET, now: new Date() }).ok).toBe(true);
    expect(verifyReplySignature({ ...signed!, secret: INTAKE_SECRET, now: new Date() })).toEqual({ ok: false, reason: 'bad_signature' });
  });
});
