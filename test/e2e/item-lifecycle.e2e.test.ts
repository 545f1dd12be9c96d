// The whole life of an item through the real app: signed intake → card in the feedback room →
// claim → reply → close, with the audit trail and the card updated in place.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { eventsOf } from '../../src/items/items-repo.js';
import { databases } from '../helpers/test-database.js';
import { act, buildTestApp, messagesIn, postFeedback } from '../helpers/test-app.js';

describe.each(databases)('%s: item lifecycle end to end', (kind) => {
  let app: App;
  beforeAll(async () => { app = await buildTestApp(kind); });
  afterAll(async () => { await app.close(); });

  test('signed intake → card → claim → reply → close, one card updated in place', async () => {
    const res = await postFeedback(app, {
      text: '快递三天没更新物流了，我的电话 13912345678，到底还送不送？',
      customer: { id: 'c-1', name: '陈先生', phone: '13912345678' }, channel: 'chat', external_id: 'web-1',
    });
    expect(res.statusCode).toBe(202);
    const { id, short_id } = res.json();
    await app.outbox.drain();

    let cards = await messagesIn(app, 'feedback');
    expect(cards).toHaveLength(1);
    const card = JSON.stringify(cards[0].card);
    expect(card).toContain(short_id);
    expect(card).toContain('[PHONE]');
    expect(card).not.toContain('13912345678');
    expect(cards[0].card!.body.find((n) => n.type === 'actions').buttons.map((b: { action: string }) => b.action)).toContain('claim');

    expect((await act(app, 'li-wei', id, 'claim')).statusCode).toBe(200);
    expect((await act(app, 'li-wei', id, 'reply', { text: '您好，包裹已催促快递，今天送达。' })).statusCode).toBe(200);
    expect((await act(app, 'li-wei', id, 'close', { code: 'solved' })).statusCode).toBe(200);
    await app.outbox.drain();

    cards = await messagesIn(app, 'feedback');
    expect(cards).toHaveLength(1);
    const closed = JSON.stringify(cards[0].card);
    expect(closed).toContain('Closed');
    expect(closed).toContain('Li Wei');
    expect((await eventsOf(app.deps.db, id)).map((e) => e.type)).toEqual(['created', 'claimed', 'replied', 'closed']);
    const reply = await app.deps.db.selectFrom('replies').selectAll().where('feedback_id', '=', id).executeTakeFirstOrThrow();
    expect(reply.status).toBe('recorded');
  });

  test('a second agent clicking Claim is refused with who holds it, in both languages', async () => {
    const res = await postFeedback(app, { text: 'The kettle stopped working after two days.', customer: { id: 'c-2' }, channel: 'email' });
    const { id } = res.json();
    expect((await act(app, 'li-wei', id, 'claim')).statusCode).toBe(200);
    const refused = await act(app, 'wang-fang', id, 'claim');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('已被 Li Wei 认领 / already claimed by Li Wei');
  });

  test('only a supervisor closes an escalated item; the escalation room is pinged', async () => {
    const { id, short_id } = (await postFeedback(app, { text: '退款申请一周了还没到账', customer: { id: 'c-3' }, channel: 'chat' })).json();
    await act(app, 'li-wei', id, 'claim');
    expect((await act(app, 'li-wei', id, 'escalate', { reason: '金额较大，需要主管审批' })).statusCode).toBe(200);
    const refused = await act(app, 'li-wei', id, 'close', { code: 'refunded' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/supervisor/);
    expect((await act(app, 'zhang-min', id, 'close', { code: 'refunded' })).statusCode).toBe(200);
    await app.outbox.drain();
    const escalations = await messagesIn(app, 'escalations');
    expect(escalations.some((m) => m.kind === 'text' && m.text!.includes(short_id) && m.text!.includes('金额较大'))).toBe(true);
    expect(escalations.some((m) => m.kind === 'card' && JSON.stringify(m.card).includes('Closed'))).toBe(true);
  });

  test('bad action input and unknown ids get readable 4xx answers', async () => {
    const { id } = (await postFeedback(app, { text: '衣服洗一次就掉色了', customer: { id: 'c-4' }, channel: 'chat' })).json();
    await act(app, 'li-wei', id, 'claim');
    const noText = await act(app, 'li-wei', id, 'reply', { text: '   ' });
    expect(noText.statusCode).toBe(400);
    expect(noText.json().message).toContain('text');
    expect((await act(app, 'nobody', id, 'claim')).statusCode).toBe(403);
    expect((await act(app, 'li-wei', 'no-such-item', 'claim')).statusCode).toBe(404);
    expect((await act(app, 'li-wei', id, 'fly')).statusCode).toBe(400);
  });
});
