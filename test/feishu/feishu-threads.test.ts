// Talk in a card's thread in Feishu (reply in thread: root_id is the card's message) is recorded
// on the item as an internal note, once however often Feishu delivers it, and the card then says
// how many notes it has. A thread that is not under a card is a command when it addresses the bot.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { eventsOf } from '../../src/items/items-repo.js';
import { databases } from '../helpers/test-database.js';
import { postFeedback } from '../helpers/test-app.js';
import type { FakeFeishu } from './fake-feishu.js';
import { buildFeishuApp, cardOf, shown, waitFor } from './feishu-app.js';
import { messageEvent, signedRequest, type MessageFields } from './feishu-requests.js';

const BOT = { openId: 'ou_bot', name: '反馈台' };

function threadReply(f: MessageFields & { root: string }) {
  const event = messageEvent(f);
  Object.assign(event.event.message, { root_id: f.root, parent_id: f.root, thread_id: `omt_${f.root}` });
  return event;
}

describe.each(databases)('%s: Feishu card threads', (kind) => {
  let app: App;
  let fake: FakeFeishu;
  beforeAll(async () => { ({ app, fake } = await buildFeishuApp(kind)); });
  afterAll(async () => { await app.close(); });

  async function newCard(text: string) {
    const { id } = (await postFeedback(app, { text, customer: { id: `c-${Math.random()}` }, channel: 'chat' })).json();
    await app.outbox.drain();
    const row = await app.deps.db.selectFrom('card_messages').select('message_ref')
      .where('feedback_id', '=', id).where('platform', '=', 'feishu').where('chat_id', '=', 'oc_feedback').executeTakeFirstOrThrow();
    return { id: id as string, messageId: row.message_ref };
  }

  test('a reply in the card\'s thread is an internal note, once; the card is patched to show the count', async () => {
    const { id, messageId } = await newCard('Thread me: the kettle leaks');
    const note = threadReply({ user: 'ou_wang', text: '@_user_1 客户又来电话了，@_user_2 请看一下', mentions: [BOT, { openId: 'ou_zhang', name: 'Zhang Min' }], root: messageId, eventId: 'ev_note_once' });
    for (let n = 0; n < 2; n++) expect((await app.inject(signedRequest(note))).statusCode).toBe(200);
    const notes = (await eventsOf(app.deps.db, id)).filter((e) => e.type === 'noted');
    expect(notes.map((e) => [e.data.text, e.actorId])).toEqual([['客户又来电话了，@Zhang Min 请看一下', 'wang-fang']]);
    expect(await app.deps.db.selectFrom('replies').select('id').where('feedback_id', '=', id).execute()).toEqual([]);
    await app.outbox.drain();
    const patch = fake.callsOf('patch').filter((c) => c.path.endsWith(`/${messageId}`)).at(-1)!;
    expect(shown(cardOf(patch))).toContain('内部备注 / Internal notes: 1');
  });

  test('with every group message readable, a thread reply that does not mention the bot is a note too', async () => {
    const { id, messageId } = await newCard('Thread me too: missing screws');
    await app.inject(signedRequest(threadReply({ user: 'ou_liwei', text: 'Asked the warehouse', root: messageId })));
    expect((await eventsOf(app.deps.db, id)).filter((e) => e.type === 'noted').map((e) => e.data.text)).toEqual(['Asked the warehouse']);
  });

  test('in a thread that is not under a card, a message to the bot is a command; "/fb …" in a card thread is one too', async () => {
    const { id, messageId } = await newCard('Thread commands: strap snapped');
    const before = fake.callsOf('reply').length;
    await app.inject(signedRequest(threadReply({ user: 'ou_liwei', text: '@_user_1 queue', mentions: [BOT], root: 'om_not_a_card', messageId: 'om_thread_cmd' })));
    await app.inject(signedRequest(threadReply({ user: 'ou_liwei', text: '@_user_1 /fb show FB-1', mentions: [BOT], root: messageId, messageId: 'om_thread_show' })));
    await app.inject(signedRequest(threadReply({ user: 'ou_liwei', text: 'just chatting', root: 'om_not_a_card_either' })));
    await waitFor(() => fake.callsOf('reply').length >= before + 2);
    expect(fake.callsOf('reply').map((c) => c.path)).toEqual(expect.arrayContaining([
      '/open-apis/im/v1/messages/om_thread_cmd/reply', '/open-apis/im/v1/messages/om_thread_show/reply',
    ]));
    expect((await eventsOf(app.deps.db, id)).filter((e) => e.type === 'noted')).toEqual([]);
  });
});
