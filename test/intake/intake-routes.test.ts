// The intake contract as a source system sees it: signatures, status codes, named fields, dedupe.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { databases } from '../helpers/test-database.js';
import { buildTestApp, messagesIn, postFeedback, signedIntake } from '../helpers/test-app.js';

const draft = (over: Record<string, unknown> = {}) => ({ text: '快递三天没更新物流', customer: { id: 'c-9' }, channel: 'chat', ...over });

describe.each(databases)('%s: POST /intake/:source', (kind) => {
  let app: App;
  beforeAll(async () => { app = await buildTestApp(kind); });
  afterAll(async () => { await app.close(); });

  test('a signed item is accepted with 202 and its id, and its card reaches the feedback room', async () => {
    const res = await postFeedback(app, draft({ external_id: 'a-1', text: '包装破了，杯子碎了两个' }));
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'created', id: expect.any(String), short_id: expect.stringMatching(/^FB-\d+$/) });
    await app.outbox.drain();
    expect((await messagesIn(app, 'feedback')).some((m) => m.card?.title.includes(res.json().short_id))).toBe(true);
  });

  test('the same external id, or the same text from the same customer within 10 minutes, answers 200 with the first id and no new card', async () => {
    const first = await postFeedback(app, draft({ external_id: 'dup-1', text: 'The coupon did not apply' }));
    await app.outbox.drain();
    const before = (await messagesIn(app, 'feedback')).length;
    const again = await postFeedback(app, draft({ external_id: 'dup-1', text: 'The coupon did not apply' }));
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const sameText = await postFeedback(app, draft({ text: 'the coupon  did NOT apply!' }));
    expect(sameText.statusCode).toBe(200);
    expect(sameText.json().id).toBe(first.json().id);
    const otherCustomer = await postFeedback(app, draft({ text: 'The coupon did not apply', customer: { id: 'c-other' } }));
    expect(otherCustomer.statusCode).toBe(202);
    await app.outbox.drain();
    expect((await messagesIn(app, 'feedback')).length).toBe(before + 1);
  });

  test('ten copies of one text sent at once make one item and nine duplicates', async () => {
    const copies = await Promise.all(Array.from({ length: 10 }, () => postFeedback(app, draft({ text: '同一条反馈同时发了十次', customer: { id: 'c-burst' } }))));
    expect(copies.filter((r) => r.statusCode === 202)).toHaveLength(1);
    expect(copies.filter((r) => r.statusCode === 200)).toHaveLength(9);
    expect(new Set(copies.map((r) => r.json().id)).size).toBe(1);
  });

  test('a forged, stale or missing signature is refused with 401 before the body is read', async () => {
    const body = JSON.stringify(draft());
    const forged = await app.inject({ method: 'POST', url: '/intake/web', ...signedIntake(body, new Date(), 'wrong-secret-0123456789') });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error).toBe('bad_signature');
    const stale = await app.inject({ method: 'POST', url: '/intake/web', ...signedIntake(body, new Date(Date.now() - 6 * 60_000)) });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error).toBe('stale_timestamp');
    const missing = await app.inject({ method: 'POST', url: '/intake/web', headers: { 'content-type': 'application/json' }, payload: body });
    expect(missing.statusCode).toBe(401);
    const tampered = signedIntake(body);
    const changed = await app.inject({ method: 'POST', url: '/intake/web', headers: tampered.headers, payload: body.replace('快递', '物流') });
    expect(changed.statusCode).toBe(401);
  });

  test('bad JSON, a missing field and a bad source name get a 4xx naming the field', async () => {
    const badJson = await app.inject({ method: 'POST', url: '/intake/web', ...signedIntake('{"text": ') });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().errors[0].field).toBe('(body)');
    const missing = await postFeedback(app, { text: 'hello there', channel: 'chat' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toContain('customer');
    const badRating = await postFeedback(app, draft({ rating: 9 }));
    expect(badRating.statusCode).toBe(422);
    expect(badRating.json().errors[0]).toEqual({ field: 'rating', message: '不能大于 5 / must be at most 5' });
    expect(missing.json().errors).toContainEqual({ field: 'customer', message: '必填 / is required' });
    const badTime = await postFeedback(app, draft({ occurred_at: 'yesterday', channel: 42 }));
    expect(badTime.json().errors).toEqual([
      { field: 'channel', message: '应为文本 / must be text' },
      { field: 'occurred_at', message: '应为带时区的 ISO 8601 时间，如 2026-05-01T10:00:00+08:00 / must be an ISO 8601 time with an offset, e.g. 2026-05-01T10:00:00+08:00' },
    ]);
    const badSource = await postFeedback(app, draft(), 'Bad Source!');
    expect(badSource.statusCode).toBe(400);
  });

  test('an item over 64 KiB is refused with 413, and empty or junk text with 422 and a reason', async () => {
    const big = await postFeedback(app, draft({ text: '很'.repeat(30_000) }));
    expect(big.statusCode).toBe(413);
    expect(big.json().message).toContain('too large');
    const empty = await postFeedback(app, draft({ text: '   ' }));
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error).toBe('empty');
    const junk = await postFeedback(app, draft({ text: '。。。。。。。' }));
    expect(junk.statusCode).toBe(422);
    expect(junk.json().error).toBe('junk');
  });

  test('personal data is masked in stored text and metadata; contact details are stored encrypted', async () => {
    const res = await postFeedback(app, draft({
      text: '请回电 138 1234 5678 或发邮件 amy@example.com', customer: { id: 'c-pii', phone: '13812345678', email: 'amy@example.com' },
      metadata: { note: 'caller 13812345678' },
    }));
    const row = await app.deps.db.selectFrom('feedback').selectAll().where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row.text).toBe('请回电 [PHONE] 或发邮件 [EMAIL]');
    expect(JSON.stringify(row.metadata)).not.toContain('13812345678');
    const customer = await app.deps.db.selectFrom('customers').selectAll().where('id', '=', 'c-pii').executeTakeFirstOrThrow();
    expect(customer.phone_enc).not.toContain('13812345678');
    expect(app.deps.cipher.decrypt(customer.phone_enc!)).toBe('13812345678');
    expect(app.deps.cipher.decrypt(customer.email_enc!)).toBe('amy@example.com');
  });

  test('a batch reports each item: created, duplicate or rejected with its field', async () => {
    const res = await app.inject({ method: 'POST', url: '/intake/survey/batch', ...signedIntake({ items: [
      draft({ external_id: 'b-1', text: '师傅安装很仔细，点赞！' }),
      draft({ external_id: 'b-1', text: '师傅安装很仔细，点赞！' }),
      { text: 'no customer', channel: 'chat' },
      draft({ external_id: 'b-3', text: '' }),
    ] }) });
    expect(res.statusCode).toBe(202);
    const body = res.json();
    expect(body).toMatchObject({ created: 1, duplicates: 1, rejected: 2 });
    // The same field names as a single item's answer: short_id, never shortId.
    expect(body.results[0]).toEqual({ index: 0, status: 'created', id: expect.any(String), short_id: expect.stringMatching(/^FB-\d+$/) });
    expect(body.results[1]).toEqual({ index: 1, status: 'duplicate', id: body.results[0].id, short_id: body.results[0].short_id });
    expect(body.results[2].errors[0].field).toBe('items.2.customer');
    expect(body.results[3].errors[0].field).toBe('items.3.text');
  });

  test('a batch over 1,000 items is refused as a whole', async () => {
    const items = Array.from({ length: 1001 }, (_, n) => draft({ external_id: `x-${n}` }));
    const res = await app.inject({ method: 'POST', url: '/intake/survey/batch', ...signedIntake({ items }) });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('items');
  });
});
