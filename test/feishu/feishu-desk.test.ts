// The desk inside Feishu: cards posted as shared JSON 2.0 cards and patched in place, clicks
// answered with a toast and the card as it is now, forms on the card for Reply/Note/Escalate/
// Close, refusals to the clicker alone, commands with or without a mention.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { getItem } from '../../src/items/items-repo.js';
import { databases } from '../helpers/test-database.js';
import { postFeedback } from '../helpers/test-app.js';
import type { FakeFeishu } from './fake-feishu.js';
import { buildFeishuApp, cardOf, findButton, shown, waitFor } from './feishu-app.js';
import { cardAction, messageEvent, signedRequest } from './feishu-requests.js';

describe.each(databases)('%s: the desk in Feishu', (kind) => {
  let app: App;
  let fake: FakeFeishu;
  beforeAll(async () => { ({ app, fake } = await buildFeishuApp(kind)); fake.users.ou_newbie = '新同事 Xu'; });
  afterAll(async () => { await app.close(); });

  async function newItem(text: string, extra: Record<string, unknown> = {}) {
    const { id } = (await postFeedback(app, { text, customer: { id: `c-${Math.random()}` }, channel: 'chat', ...extra })).json();
    await app.outbox.drain();
    const post = fake.callsOf('create').find((c) => c.body.receive_id === 'oc_feedback' && shown(cardOf(c)).includes(text.slice(0, 40)));
    return { id: id as string, post, messageId: post ? await messageIdOf(id as string) : '' };
  }
  async function messageIdOf(id: string) {
    const row = await app.deps.db.selectFrom('card_messages').select('message_ref').where('feedback_id', '=', id).where('platform', '=', 'feishu').where('chat_id', '=', 'oc_feedback').executeTakeFirstOrThrow();
    return row.message_ref;
  }
  /** Clicks a button on the card as it shows now, or on an older copy (`card`) someone still has open. */
  const click = async (user: string, action: string, id: string, messageId: string, formValue?: Record<string, unknown>, card?: unknown) => {
    await app.outbox.drain();
    const button = findButton(card ?? lastCard(messageId), action);
    return app.inject(signedRequest(cardAction({ user, value: button.behaviors[0].value, messageId, ...(formValue ? { formValue } : {}) })));
  };
  /** The card as Feishu shows it now: the last create or patch for that message. */
  function lastCard(messageId: string): any {
    const patch = fake.callsOf('patch').filter((c) => c.path.endsWith(`/${messageId}`)).at(-1);
    if (patch) return cardOf(patch);
    return cardOf(fake.callsOf('create').find((c) => (c.answer?.body as any)?.data?.message_id === messageId)!);
  }

  test('a new item is posted to the group as a shared card JSON 2.0 with its buttons and a form, under 30 KB', async () => {
    const { post } = await newItem('包裹一直没到，订单 5512');
    expect(post).toBeDefined();
    expect(post!.query.get('receive_id_type')).toBe('chat_id');
    expect(post!.body.msg_type).toBe('interactive');
    expect(post!.body.uuid).toBeTruthy();
    expect(post!.auth).toMatch(/^Bearer t-test-/);
    const card = cardOf(post!);
    expect(card.schema).toBe('2.0');
    expect(card.config.update_multi).toBe(true);
    expect(card.header.template).toBe('blue');
    expect(Buffer.byteLength(post!.body.content)).toBeLessThan(30 * 1024);
    expect(findButton(card, 'claim').behaviors[0].type).toBe('callback');
    const form = card.body.elements.find((e: any) => e.tag === 'form');
    expect(form.elements.filter((e: any) => e.tag === 'input' || e.tag === 'select_static').map((e: any) => e.name)).toEqual(expect.arrayContaining(['text', 'reason']));
    expect(findButton(card, 'escalate').form_action_type).toBe('submit');
  });

  test('a huge text is cut so the card stays under 30 KB', async () => {
    // 10,000 characters is the most intake takes; in UTF-8 that is about 30 KB of text alone.
    const huge = `系统全部宕机，客户无法下单 ${'非常生气'.repeat(2490)}`;
    const { post } = await newItem(huge.slice(0, 10_000));
    const card = cardOf(post!);
    expect(Buffer.byteLength(post!.body.content)).toBeLessThanOrEqual(30 * 1024);
    expect(shown(card)).toContain('…');
  });

  test('Claim: the click is answered with a success toast and the claimed card; the card is then patched for everyone', async () => {
    const { id, messageId } = await newItem('Refund still missing after two weeks');
    const res = await click('ou_liwei', 'claim', id, messageId);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.toast.type).toBe('success');
    expect(body.card.type).toBe('raw');
    expect(body.card.data.config.update_multi).toBe(true);
    expect(shown(body.card.data)).toContain('Li Wei');
    await app.outbox.drain();
    const patch = fake.callsOf('patch').filter((c) => c.path.endsWith(`/${messageId}`)).at(-1)!;
    expect(shown(cardOf(patch))).toContain('Li Wei');
    expect(cardOf(patch).config.update_multi).toBe(true);
  });

  test('a second claimer gets an error toast naming who has it; the card is neither answered nor patched', async () => {
    const { id, messageId, post } = await newItem('Courier was rude at the door');
    await click('ou_liwei', 'claim', id, messageId);
    await app.outbox.drain();
    const patches = fake.callsOf('patch').length;
    const res = await click('ou_wang', 'claim', id, messageId, undefined, cardOf(post!));
    expect(res.json().toast).toMatchObject({ type: 'error', content: expect.stringContaining('Li Wei') });
    expect(res.json().card).toBeUndefined();
    await app.outbox.drain();
    expect(fake.callsOf('patch').length).toBe(patches);
  });

  test('Reply from the card\'s form: empty asks for the text (error toast), written is sent and the card moves on', async () => {
    const { id, messageId } = await newItem('App crashes on login every time');
    await click('ou_liwei', 'claim', id, messageId);
    const empty = await click('ou_liwei', 'reply', id, messageId, { text: '   ', reason: '' });
    expect(empty.json().toast.type).toBe('error');
    expect((await getItem(app.deps.db, id))?.state).toBe('claimed');
    const ok = await click('ou_liwei', 'reply', id, messageId, { text: 'We are on it, sorry!', reason: '' });
    expect(ok.json().toast.type).toBe('success');
    expect((await getItem(app.deps.db, id))?.state).toBe('waiting_customer');
  });

  test('Escalate takes the reason from the form and posts to the escalation group; Close takes the resolution code', async () => {
    const { id, messageId } = await newItem('Wrong size delivered twice');
    await click('ou_liwei', 'claim', id, messageId);
    const esc = await click('ou_liwei', 'escalate', id, messageId, { text: '', reason: 'Second wrong delivery' });
    expect(esc.json().toast.type).toBe('success');
    expect(esc.json().card.data.header.template).toBe('red');
    await app.outbox.drain();
    expect(fake.callsOf('create').some((c) => c.body.receive_id === 'oc_esc' && shown(cardOf(c)).includes('Wrong size delivered twice'))).toBe(true);
    const close = await click('ou_zhang', 'close', id, messageId, { code: 'replaced' });
    expect(close.json().toast.type).toBe('success');
    expect(await getItem(app.deps.db, id)).toMatchObject({ state: 'closed', resolution: 'replaced' });
  });

  test('a repeated callback (same event_id) acts once', async () => {
    const { id, messageId } = await newItem('Invoice address is wrong');
    const button = findButton(lastCard(messageId), 'claim');
    const event = cardAction({ user: 'ou_liwei', value: button.behaviors[0].value, messageId, eventId: 'ev_click_once' });
    const first = await app.inject(signedRequest(event));
    const again = await app.inject(signedRequest(event));
    expect(first.json().toast.type).toBe('success');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({});
  });

  test('commands: "/fb stats today" with a mention, "stats today" in a direct chat and "@反馈台 统计 今日" are answered in the chat', async () => {
    const bot = { openId: 'ou_bot', name: '反馈台' };
    const replies = () => fake.callsOf('reply');
    const before = replies().length;
    await app.inject(signedRequest(messageEvent({ user: 'ou_liwei', text: '@_user_1 /fb stats today', mentions: [bot], messageId: 'om_cmd_1' })));
    await app.inject(signedRequest(messageEvent({ user: 'ou_liwei', text: 'stats today', chatType: 'p2p', chat: 'oc_dm_liwei', messageId: 'om_cmd_2' })));
    await app.inject(signedRequest(messageEvent({ user: 'ou_liwei', text: '@_user_1 统计 今日', mentions: [bot], messageId: 'om_cmd_3' })));
    await waitFor(() => replies().length >= before + 3);
    for (const id of ['om_cmd_1', 'om_cmd_2', 'om_cmd_3']) {
      const reply = replies().find((c) => c.path === `/open-apis/im/v1/messages/${id}/reply`)!;
      expect(reply.body.msg_type).toBe('interactive');
      expect(cardOf(reply).schema).toBe('2.0');
    }
  });

  test('a group line that does not address the bot is left alone; an unknown word gets a readable answer', async () => {
    const before = fake.callsOf('reply').length;
    const chatter = await app.inject(signedRequest(messageEvent({ user: 'ou_liwei', text: 'lunch anyone?' })));
    expect(chatter.statusCode).toBe(200);
    await app.inject(signedRequest(messageEvent({ user: 'ou_liwei', text: '@_user_1 dance', mentions: [{ openId: 'ou_bot', name: '反馈台' }], messageId: 'om_cmd_dance' })));
    await waitFor(() => fake.callsOf('reply').length >= before + 1);
    const reply = fake.callsOf('reply').at(-1)!;
    expect(reply.path).toContain('om_cmd_dance');
    expect(JSON.parse(reply.body.content).text).toContain('dance');
  });

  test('someone new becomes an agent named from the contact API; FEISHU_ADMIN_OPEN_IDS names admins', async () => {
    await app.inject(signedRequest(messageEvent({ user: 'ou_newbie', text: 'help', chatType: 'p2p', chat: 'oc_dm_new' })));
    await app.inject(signedRequest(messageEvent({ user: 'ou_admin', text: 'help', chatType: 'p2p', chat: 'oc_dm_admin' })));
    await waitFor(() => fake.callsOf('user').length >= 2);
    const agents = await app.deps.db.selectFrom('agents').selectAll().where('id', 'in', ['feishu:ou_newbie', 'feishu:ou_admin']).orderBy('id').execute();
    expect(agents.map((a) => [a.id, a.name, a.role])).toEqual([['feishu:ou_admin', 'ou_admin', 'admin'], ['feishu:ou_newbie', '新同事 Xu', 'agent']]);
  });
});
