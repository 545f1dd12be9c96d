// Survey answers as a source system sends them: a CSAT rating (1–5) and an NPS answer (0–10)
// with an item, or later for an item already taken; then the CSAT and NPS a person sees in
// /fb stats, /fb customer, /fb show and the digest, against figures worked out by hand.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import type { App } from '../../src/app.js';
import { readDigest } from '../../src/digests/digest-data.js';
import { digestPeriod } from '../../src/digests/period.js';
import { databases } from '../helpers/test-database.js';
import { buildTestApp, signedIntake } from '../helpers/test-app.js';

// 20:00 on 2026-06-15 in Asia/Shanghai, the zone stats and digests count days in here.
const NOW = new Date('2026-06-15T12:00:00Z');

describe.each(databases)('%s: survey answers', (kind) => {
  let app: App;
  const post = (url: string, body: unknown) => app.inject({ method: 'POST', url, ...signedIntake(body, NOW) });
  const item = (text: string, over: Record<string, unknown> = {}) =>
    post('/intake/shop', { text, customer: { id: 'c-1' }, channel: 'survey', ...over });
  const say = async (text: string) => {
    const res = await app.inject({ method: 'POST', url: '/local/api/commands', payload: { actor: 'zhang-min', room: 'feedback', text } });
    const reply = res.json().reply as { kind: string; text?: string; card?: { fallback: string; body: unknown[] } };
    return reply.card ? `${reply.card.fallback}\n${JSON.stringify(reply.card.body)}` : reply.text ?? '';
  };
  const itemCount = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM feedback`.execute(app.deps.db)).rows[0].n;

  beforeAll(async () => {
    app = await buildTestApp(kind, { env: { JOBS_TIME_ZONE: 'Asia/Shanghai' }, clock: { now: () => NOW } });
  });
  afterAll(async () => { await app.close(); });

  test('rating and nps are checked fields of an item; out of range is refused field by field in both languages', async () => {
    const bad = await item('The box was crushed', { rating: 0, nps: 11 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([
      { field: 'rating', message: '不能小于 1 / must be at least 1' },
      { field: 'nps', message: '不能大于 10 / must be at most 10' },
    ]);
    const half = await item('The box was crushed', { nps: 7.5 });
    expect(half.statusCode).toBe(422);
    expect(half.json().errors[0].field).toBe('nps');
    expect(await itemCount()).toBe(0);
  });

  test('answers with items, in metadata (older clients) and later by external id or FB number are counted once each', async () => {
    // A: 5 and 10 with the item. B: an older client's metadata.nps 3. D: 4 with the item.
    expect((await item('师傅很专业，安装很快', { rating: 5, nps: 10 })).statusCode).toBe(202);
    expect((await item('客服回复太慢了', { metadata: { nps: 3 } })).statusCode).toBe(202);
    expect((await item('包装完好，物流准时', { rating: 4 })).statusCode).toBe(202);
    // C (customer c-9) has no answer yet; E (c-9) happened five days ago.
    const c = await item('师傅迟到了两个小时', { customer: { id: 'c-9' }, external_id: 'order-77' });
    const e = await item('退款已经到账了', { customer: { id: 'c-9' }, occurred_at: '2026-06-10T03:00:00Z' });
    expect(c.statusCode).toBe(202);
    expect(e.statusCode).toBe(202);
    const items = await itemCount();

    // C's survey by the sender's external id: 2 and 8, with a comment holding a phone number.
    const answer = { external_id: 'order-77', rating: 2, nps: 8, comment: '师傅迟到，请回电 13812345678' };
    const recorded = await post('/intake/shop/survey', answer);
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json()).toEqual({ id: c.json().id, short_id: c.json().short_id, status: 'recorded' });
    // The same answer again (a retry) changes nothing.
    expect((await post('/intake/shop/survey', answer)).json().status).toBe('unchanged');
    // E's answer by its FB number, given an hour ago.
    const late = await post('/intake/shop/survey', { item: e.json().short_id, nps: 9, answered_at: '2026-06-15T11:00:00Z' });
    expect(late.json()).toMatchObject({ id: e.json().id, status: 'recorded' });
    expect(await itemCount()).toBe(items);

    const show = await say(`/fb show ${c.json().short_id}`);
    expect(show).toContain('Survey answer: CSAT 2/5 · NPS 8/10 · 师傅迟到，请回电 [PHONE]');
    expect(show.match(/Survey answer/g)).toHaveLength(1);
  });

  test('a later answer that cannot be placed is refused readably, and nothing is stored', async () => {
    const unknown = await post('/intake/shop/survey', { external_id: 'order-404', rating: 5 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'unknown_item', message: '找不到这条反馈，评价未记录 / No such item; the answer was not recorded' });
    const otherSource = await post('/intake/web/survey', { external_id: 'order-77', rating: 5 });
    expect(otherSource.statusCode).toBe(404);
    const neither = await post('/intake/shop/survey', { rating: 5 });
    expect(neither.statusCode).toBe(422);
    expect(neither.json().errors).toEqual([{ field: 'item', message: '请给出 item（反馈 ID 或 FB-12）或 external_id 之一 / Give one of item (the item id or FB-12) or external_id' }]);
    const empty = await post('/intake/shop/survey', { item: 'FB-1' });
    expect(empty.json().errors).toEqual([{ field: 'rating', message: '请给出 rating（1–5）或 nps（0–10） / Give rating (1–5) or nps (0–10)' }]);
    const range = await post('/intake/shop/survey', { item: 'FB-1', nps: -1 });
    expect(range.json().errors).toEqual([{ field: 'nps', message: '不能小于 0 / must be at least 0' }]);
    const forged = await app.inject({ method: 'POST', url: '/intake/shop/survey', ...signedIntake({ item: 'FB-1', rating: 1 }, NOW, 'wrong-secret') });
    expect(forged.statusCode).toBe(401);
    const rated = await sql<{ n: number }>`SELECT count(*)::int AS n FROM feedback WHERE rating = 1`.execute(app.deps.db);
    expect(rated.rows[0].n).toBe(0);
  });

  test('/fb stats, /fb customer and the digest show CSAT and NPS from the answers given in the period', async () => {
    // Today: ratings 5, 4, 2 → 2 of 3 satisfied (67%), average 11/3 = 3.67. NPS answers 10, 3, 8, 9 →
    // promoters 2, detractors 1 of 4: (2 − 1) / 4 = +25.
    const today = await say('/fb stats today');
    expect(today).toContain('满意度 CSAT / CSAT: 67%（3 份评价，平均 3.67） / 67% (3 ratings, average 3.67)');
    expect(today).toContain('净推荐值 NPS / NPS: 25（4 份） / 25 (4 answers)');
    // E happened on the 10th, but its answer came today: the 10th has no answers.
    const tenth = await say('/fb stats 2026-06-10');
    expect(tenth).not.toContain('CSAT');
    expect(tenth).not.toContain('NPS');

    const digest = await readDigest(app.deps.db, digestPeriod('daily', 'Asia/Shanghai', NOW, '2026-06-15'));
    expect(digest.csat).toEqual({ responses: 3, satisfied: 2, average: 3.67 });
    expect(digest.nps).toEqual({ responses: 4, promoters: 2, detractors: 1, score: 25 });

    // c-9: C rated 2 (answered now), E answered 9 an hour earlier: the latest NPS answer is C's 8.
    const customer = await say('/fb customer c-9');
    expect(customer).toContain('满意度 / CSAT: 0% 满意（平均 2 分，1 次评价） / 0% satisfied (average 2, 1 ratings)');
    expect(customer).toContain('推荐意愿 NPS / NPS answers: 最近 8 分（0–10，共 2 次回答） / latest 8 of 10 (2 answers)');
    expect(await say('/fb customer c-1')).toContain('(2 answers)');
  });
});
