// Hostile input on every inbound surface gets a 4xx naming the field, before any work, and
// nothing is stored from it: NUL characters, lone surrogates, deep nesting, too many keys,
// bytes that are not UTF-8, and a batch where some items are bad.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { signIntakeBody } from '../../src/intake/signature.js';
import { checkJsonValue } from '../../src/http/input-guard.js';
import { checkUrl } from '../../src/http/guard-requests.js';
import { databases } from '../helpers/test-database.js';
import { INTAKE_SECRET, buildTestApp, messagesIn, postFeedback, signedIntake } from '../helpers/test-app.js';

const draft = (over: Record<string, unknown> = {}) => ({ text: '快递三天没更新物流', customer: { id: 'c-guard' }, channel: 'chat', ...over });
const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const withDeepMetadata = (body: Record<string, unknown>, depth: number) => JSON.stringify({ ...body, metadata: '@@' }).replace('"@@"', nested(depth));
const fields = (res: { json(): any }) => (res.json().errors as { field: string }[]).map((e) => e.field);

function signedBytes(bytes: Buffer, contentType = 'application/json') {
  return { payload: bytes, headers: { 'content-type': contentType, ...signIntakeBody(bytes, INTAKE_SECRET, new Date()) } };
}

describe.each(databases)('%s: the input guard', (kind) => {
  let app: App;
  beforeAll(async () => { app = await buildTestApp(kind); });
  afterAll(async () => { await app.close(); });

  const storedFor = async (customerId: string) =>
    (await app.deps.db.selectFrom('feedback').select('id').where('customer_id', '=', customerId).execute()).length;

  test.each([
    ['customer.id', draft({ customer: { id: 'c\u0000nul' } })],
    ['customer.name', draft({ customer: { id: 'c-nul', name: 'Dave\u0000' } })],
    ['channel', draft({ customer: { id: 'c-nul' }, channel: 'chat\u0000' })],
    ['external_id', draft({ customer: { id: 'c-nul' }, external_id: '\u0000' })],
    ['order_id', draft({ customer: { id: 'c-nul' }, order_id: 'A\u0000' })],
    ['text', draft({ customer: { id: 'c-nul' }, text: '物流\u0000太慢' })],
    ['metadata.note', draft({ customer: { id: 'c-nul' }, metadata: { note: 'x\u0000' } })],
    ['metadata.tags.1', draft({ customer: { id: 'c-nul' }, metadata: { tags: ['ok', '\u0000'] } })],
    ['metadata.a\\u0000b', draft({ customer: { id: 'c-nul' }, metadata: { 'a\u0000b': 1 } })],
  ])('U+0000 in %s is refused with 422 naming the field', async (field, body) => {
    const res = await postFeedback(app, body);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: 'nul', errors: [{ field }] });
    expect(res.json().message).toContain('U+0000');
    expect(await storedFor('c-nul')).toBe(0);
  });

  test('a lone surrogate anywhere is refused with 422; a real emoji pair is taken', async () => {
    const lone = await app.inject({ method: 'POST', url: '/intake/web', ...signedIntake('{"text":"物流太慢","customer":{"id":"c-sur"},"channel":"chat","metadata":{"device":"\\ud800"}}') });
    expect(lone.statusCode).toBe(422);
    expect(lone.json()).toMatchObject({ error: 'lone_surrogate', errors: [{ field: 'metadata.device' }] });
    const emoji = await postFeedback(app, draft({ customer: { id: 'c-sur' }, text: '物流太慢 😡', metadata: { device: '😀' } }));
    expect(emoji.statusCode).toBe(202);
    expect(await storedFor('c-sur')).toBe(1);
  });

  test('nesting 4,500 deep and an object with too many keys are refused with 422 naming where', async () => {
    const deep = await app.inject({ method: 'POST', url: '/intake/web', ...signedIntake(withDeepMetadata(draft({ customer: { id: 'c-deep' } }), 4500)) });
    expect(deep.statusCode).toBe(422);
    expect(deep.json().error).toBe('too_deep');
    expect(fields(deep)[0]).toMatch(/^metadata(\.a)+$/);
    const keys = Object.fromEntries(Array.from({ length: 300 }, (_, n) => [`k${n}`, n]));
    const wide = await postFeedback(app, draft({ customer: { id: 'c-deep' }, metadata: keys }));
    expect(wide.statusCode).toBe(422);
    expect(wide.json()).toMatchObject({ error: 'too_many_keys', errors: [{ field: 'metadata' }] });
    const proto = await app.inject({ method: 'POST', url: '/intake/web', ...signedIntake('{"text":"物流太慢","customer":{"id":"c-deep"},"channel":"chat","metadata":{"__proto__":{"admin":true}}}') });
    expect(proto.statusCode).toBe(422);
    expect(proto.json()).toMatchObject({ error: 'forbidden_key', errors: [{ field: 'metadata.__proto__' }] });
    expect(await storedFor('c-deep')).toBe(0);
  });

  test('bytes that are not UTF-8 get 400 and a foreign charset 415, even when signed', async () => {
    const good = Buffer.from(JSON.stringify(draft({ customer: { id: 'c-enc' } })));
    const broken = Buffer.concat([good.subarray(0, 10), Buffer.from([0xff, 0xfe]), good.subarray(10)]);
    const bad = await app.inject({ method: 'POST', url: '/intake/web', ...signedBytes(broken) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'bad_encoding', errors: [{ field: '(body)' }] });
    const latin1 = await app.inject({ method: 'POST', url: '/intake/web', ...signedBytes(good, 'application/json; charset=iso-8859-1') });
    expect(latin1.statusCode).toBe(415);
    expect(latin1.json()).toMatchObject({ error: 'bad_charset', errors: [{ field: 'content-type' }] });
    expect(await storedFor('c-enc')).toBe(0);
  });

  test('the signature covers the raw bytes: one invalid byte changed for another fails it', async () => {
    // Both bytes decode to U+FFFD, so a signature over the decoded text could not tell them apart.
    const body = (byte: number) => Buffer.concat([Buffer.from('{"text":"'), Buffer.from([byte]), Buffer.from('物流太慢","customer":{"id":"c-raw"},"channel":"chat"}')]);
    const signed = signedBytes(body(0xff));
    const res = await app.inject({ method: 'POST', url: '/intake/web', headers: signed.headers, payload: body(0xfe) });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('bad_signature');
  });

  test('customer.name and metadata keys are masked before they are stored or shown', async () => {
    const res = await postFeedback(app, draft({ customer: { id: 'c-name', name: 'Dave 13612345678' }, text: '耳机左边没声音', metadata: { calls: { '13712345678': 2 } } }));
    expect(res.statusCode).toBe(202);
    const row = await app.deps.db.selectFrom('customers').select('name').where('id', '=', 'c-name').executeTakeFirstOrThrow();
    expect(row.name).toBe('Dave [PHONE]');
    const item = await app.deps.db.selectFrom('feedback').select('metadata').where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(item.metadata).toEqual({ calls: { '[PHONE]': 2 } });
    await app.outbox.drain();
    const card = (await messagesIn(app, 'feedback')).find((m) => m.card?.title.includes(res.json().short_id));
    expect(JSON.stringify(card)).not.toContain('13612345678');
  });

  test('a batch refuses only its bad items, by index and field, and stores each good one whole', async () => {
    const items = [
      draft({ customer: { id: 'c-batch' }, text: '第一条：发票开错了' }),
      draft({ customer: { id: 'c-batch\u0000' }, text: '第二条' }),
      '@@DEEP@@',
      draft({ customer: { id: 'c-batch' }, text: '第三条：客服一直不回复', metadata: { 'k\ud800': 1 } }),
      draft({ customer: { id: 'c-batch' }, text: '第四条：赠品没有收到' }),
    ];
    const raw = JSON.stringify({ items }).replace('"@@DEEP@@"', withDeepMetadata(draft({ customer: { id: 'c-batch' } }), 5000));
    const res = await app.inject({ method: 'POST', url: '/intake/import/batch', ...signedIntake(raw) });
    expect(res.statusCode).toBe(202);
    const body = res.json();
    expect(body).toMatchObject({ created: 2, duplicates: 0, rejected: 3 });
    expect(body.results.map((r: { status: string }) => r.status)).toEqual(['created', 'rejected', 'rejected', 'rejected', 'created']);
    expect(body.results[0]).toMatchObject({ index: 0, id: expect.any(String), short_id: expect.stringMatching(/^FB-\d+$/) });
    expect(body.results[1].errors[0].field).toBe('items.1.customer.id');
    expect(body.results[2].errors[0].field).toMatch(/^items\.2\.metadata(\.a)+$/);
    expect(body.results[3].errors[0].field).toBe('items.3.metadata.k\\ud800');
    const stored = await app.deps.db.selectFrom('feedback').select(['id', 'text']).where('customer_id', '=', 'c-batch').orderBy('seq').execute();
    expect(stored.map((r) => r.text)).toEqual(['第一条：发票开错了', '第四条：赠品没有收到']);
    for (const item of stored) {
      const events = await app.deps.db.selectFrom('feedback_events').select('type').where('feedback_id', '=', item.id).execute();
      expect(events.map((e) => e.type)).toEqual(['created']);
    }
  });

  test('the local API refuses the same input with a 4xx naming the field', async () => {
    const nul = await app.inject({ method: 'POST', url: '/local/api/commands', payload: { actor: 'li\u0000wei', room: 'feedback', text: '/fb help' } });
    expect(nul.statusCode).toBe(422);
    expect(nul.json()).toMatchObject({ error: 'nul', errors: [{ field: 'actor' }] });
    const deep = await app.inject({ method: 'POST', url: '/local/api/actions', headers: { 'content-type': 'application/json' },
      payload: `{"actor":"li-wei","item_id":"x","action":"note","input":${nested(4500)}}` });
    expect(deep.statusCode).toBe(422);
    expect(deep.json().error).toBe('too_deep');
    const surrogate = await app.inject({ method: 'POST', url: '/local/api/actions', headers: { 'content-type': 'application/json' },
      payload: '{"actor":"li-wei","item_id":"\\udc00","action":"claim"}' });
    expect(surrogate.statusCode).toBe(422);
    expect(surrogate.json().errors[0].field).toBe('item_id');
    const notUtf8 = await app.inject({ method: 'POST', url: '/local/api/commands', headers: { 'content-type': 'application/json' }, payload: Buffer.from([0x7b, 0xc3, 0x28, 0x7d]) });
    expect(notUtf8.statusCode).toBe(400);
    expect(notUtf8.json().error).toBe('bad_encoding');
  });

  test('URLs: a NUL or bytes that are not UTF-8 in the path or query get 4xx, never 500', async () => {
    expect((await app.inject('/local/api/rooms/%ED%A0%80/messages')).statusCode).toBe(400);
    const nul = await app.inject('/local/api/rooms/feedback/messages?limit=%00');
    expect(nul.statusCode).toBe(422);
    expect(nul.json().errors[0].field).toBe('query.limit');
    expect((await app.inject('/intake/%00/batch')).statusCode).toBe(422);
    expect((await app.inject('/local/api/rooms/feedback/messages?limit=5')).statusCode).toBe(200);
  });
});

describe('checkJsonValue and checkUrl', () => {
  test('name the first field that breaks a rule, or nothing', () => {
    expect(checkJsonValue({ a: [{ b: 'ok' }], c: 1 })).toBeUndefined();
    expect(checkJsonValue(JSON.parse(nested(32)))).toBeUndefined();
    expect(checkJsonValue(JSON.parse(nested(33)))).toMatchObject({ problem: 'too_deep' });
    expect(checkJsonValue(JSON.parse(nested(100_000)))).toMatchObject({ problem: 'too_deep' });
    expect(checkJsonValue(Array.from({ length: 1001 }, () => 0))).toEqual({ field: '(body)', problem: 'too_many_items' });
    expect(checkJsonValue({ ['k'.repeat(201)]: 1 })).toMatchObject({ problem: 'key_too_long' });
    expect(checkJsonValue({ x: 'a\u0000' }, undefined, 'items.7')).toEqual({ field: 'items.7.x', problem: 'nul' });
    expect(checkUrl('/a/b?c=d&e')).toBeUndefined();
    expect(checkUrl('/a/%zz')).toEqual({ field: 'url', problem: 'bad_encoding' });
    expect(checkUrl('/a?q=%F0%9F%98%80')).toBeUndefined();
  });
});

describe('pglite: the input guard on a chat platform route', () => {
  const SECRET = 'guard-slack-signing-secret-0123456789';
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp('pglite', { env: { SLACK_BOT_TOKEN: 'xoxb-guard', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: 'http://127.0.0.1:9/api/' } });
  });
  afterAll(async () => { await app.close(); });

  const slackPost = (body: Buffer, contentType = 'application/x-www-form-urlencoded') => {
    const ts = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:`).update(body).digest('hex')}`;
    return app.inject({ method: 'POST', url: '/slack/events', headers: { 'content-type': contentType, 'x-slack-request-timestamp': ts, 'x-slack-signature': signature }, payload: body });
  };

  test('a signed body that is not UTF-8 is refused with 400 before the adapter reads it', async () => {
    const res = await slackPost(Buffer.concat([Buffer.from('command=%2Ffb&text=help&user_id=U1'), Buffer.from([0xff]), Buffer.from('&channel_id=C1&trigger_id=t1')]));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'bad_encoding', errors: [{ field: '(body)' }] });
  });

  test('a NUL in a field the platform sent is refused with 422 naming it, before any database work', async () => {
    const res = await slackPost(Buffer.from('command=%2Ffb&text=help&user_id=U0GUARD&channel_id=C0GUARD&trigger_id=t.1%00x'));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: 'nul', errors: [{ field: 'eventId' }] });
    const events = await app.deps.db.selectFrom('inbound_events').select('event_id').execute();
    expect(events).toEqual([]);
  });
});
