// The local room honours the idempotency key: a send repeated after a crash (the message stored,
// where it went not yet recorded) shows the card once, and later changes update that one card.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { feedbackCard } from '../../cards/feedback-card.js';
import { getItem } from '../../src/items/items-repo.js';
import { act, buildTestApp, messagesIn, postFeedback } from '../helpers/test-app.js';
import { databases } from '../helpers/test-database.js';

describe.each(databases)('%s: idempotent local sends', (kind) => {
  let app: App;
  beforeAll(async () => { app = await buildTestApp(kind); });
  afterAll(async () => { await app.close(); });

  const cardsOf = async (itemId: string) =>
    (await messagesIn(app, 'feedback')).filter((m) => m.kind === 'card' && (m.card as { item_id?: string }).item_id === itemId);

  test('a card stored before a crash is not shown twice when the worker sends it again', async () => {
    const res = await postFeedback(app, { text: '包裹显示签收但我没收到', customer: { id: 'c-idem' }, channel: 'chat', external_id: 'idem-1' });
    expect(res.statusCode).toBe(202);
    const itemId = (res.json() as { id: string }).id;
    const row = await app.deps.db.selectFrom('outbox').selectAll().where('feedback_id', '=', itemId).executeTakeFirstOrThrow();

    // What a process killed mid-delivery leaves behind: the room has the card, card_messages does not.
    const item = (await getItem(app.deps.db, itemId))!;
    const card = feedbackCard(item, app.deps.t, { readOnly: false, variant: 'feedback', now: new Date() });
    const local = app.deps.adapters.get('local')!;
    const first = await local.send({ platform: 'local', chatId: row.chat_id }, { card, readOnly: false }, row.idempotency_key);
    expect(await cardsOf(itemId)).toHaveLength(1);

    await app.outbox.drain(); // the next start delivers the row again, with the same key
    const shown = await cardsOf(itemId);
    expect(shown).toHaveLength(1);
    expect(String(shown[0]!.id)).toBe(first.messageRef);
    const recorded = await app.deps.db.selectFrom('card_messages').select('message_ref').where('feedback_id', '=', itemId).execute();
    expect(recorded).toEqual([{ message_ref: first.messageRef }]);

    // Later changes land on that same card.
    expect((await act(app, 'li-wei', itemId, 'claim')).statusCode).toBe(200);
    await app.outbox.drain();
    const after = await cardsOf(itemId);
    expect(after).toHaveLength(1);
    expect(JSON.stringify(after[0]!.card)).toContain('Li Wei');
  });

  test('different keys are different messages, and a key is tied to its room', async () => {
    const local = app.deps.adapters.get('local')!;
    const a = await local.send({ platform: 'local', chatId: 'digests' }, { text: 'daily digest' }, 'idem-text-a');
    const b = await local.send({ platform: 'local', chatId: 'digests' }, { text: 'daily digest' }, 'idem-text-b');
    expect(a.messageRef).not.toBe(b.messageRef);
    expect((await local.send({ platform: 'local', chatId: 'digests' }, { text: 'daily digest' }, 'idem-text-a')).messageRef).toBe(a.messageRef);
    expect((await messagesIn(app, 'digests')).filter((m) => m.text === 'daily digest')).toHaveLength(2);
    await expect(local.send({ platform: 'local', chatId: 'warnings' }, { text: 'x' }, 'idem-text-a')).rejects.toThrow(/used in room digests/);
  });

  test('a run sent at once honours the keys too: stored ones answer their message, new ones are added in order', async () => {
    const local = app.deps.adapters.get('local')!;
    const room = { platform: 'local' as const, chatId: 'warnings' };
    const first = await local.send(room, { text: 'run 1' }, 'idem-run-1');
    const run = await local.sendMany!(room, ['1', '2', '3'].map((n) => ({ message: { text: `run ${n}` }, idempotencyKey: `idem-run-${n}` })));
    expect(run[0]!.messageRef).toBe(first.messageRef);
    expect(Number(run[1]!.messageRef)).toBeLessThan(Number(run[2]!.messageRef));
    const again = await local.sendMany!(room, ['2', '3'].map((n) => ({ message: { text: `run ${n}` }, idempotencyKey: `idem-run-${n}` })));
    expect(again.map((r) => r.messageRef)).toEqual([run[1]!.messageRef, run[2]!.messageRef]);
    expect((await messagesIn(app, 'warnings')).filter((m) => m.text?.startsWith('run ')).map((m) => m.text)).toEqual(['run 1', 'run 2', 'run 3']);
  });
});
