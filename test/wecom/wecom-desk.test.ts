// The desk in WeCom: a room gets the readable summary and the agents get the template_card as app
// messages; a click acts once however often WeCom retries it and updates the card for everyone
// with the event's response code; a refusal is told to the clicker alone; Reply asks for the text
// in the app chat; Close offers the resolution codes on a vote card; commands are texts to the app.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { eventsOf, getItem } from '../../src/items/items-repo.js';
import { databases } from '../helpers/test-database.js';
import { postFeedback } from '../helpers/test-app.js';
import type { FakeWecom, WecomCall } from './fake-wecom.js';
import { buildWecomApp, FEEDBACK_ROOM, ROBOT_KEY, shown } from './wecom-app.js';
import { callback, cardClick, textMessage } from './wecom-requests.js';

describe.each(databases)('%s: the desk in WeCom', (kind) => {
  let app: App;
  let fake: FakeWecom;
  let clockOffsetMs = 0;
  const clock = { now: () => new Date(Date.now() + clockOffsetMs) };
  beforeAll(async () => { ({ app, fake } = await buildWecomApp(kind, { clock })); });
  afterAll(async () => { await app.close(); });

  /** WeCom's calls made after `from`, of one API. */
  const since = (from: number, api: string) => fake.calls.slice(from).filter((c) => c.api === api);
  const to = (user: string) => (c: WecomCall) => String(c.body.touser).split('|').includes(user);
  const settle = () => new Promise((r) => setTimeout(r, 150));
  /** What `look` finds once the answers sent after the callback's 200 have gone out. */
  const eventually = async <T>(look: () => T | undefined): Promise<T | undefined> => {
    for (let i = 0; i < 50; i++) {
      const found = look();
      if (found) return found;
      await settle();
    }
    return undefined;
  };
  /** Waits until the answers sent after the callback's 200 have gone out (no new WeCom call for 400 ms). */
  const quiet = async () => {
    for (let seen = -1, i = 0; seen !== fake.calls.length && i < 25; i++) {
      seen = fake.calls.length;
      await new Promise((r) => setTimeout(r, 400));
    }
  };
  const send = async (plaintext: string) => {
    const res = await app.inject(callback(plaintext, { now: clock.now() }));
    await settle();
    await quiet();
    return res;
  };

  async function newItem(text: string) {
    const { id } = (await postFeedback(app, { text, customer: { id: `c-${Math.random()}` }, channel: 'chat' })).json();
    await app.outbox.drain();
    const card = fake.callsOf('message/send').find((c) => c.body.msgtype === 'template_card' && shown(c.body).includes(text));
    return { id: id as string, taskId: card?.body.template_card.task_id as string, card };
  }

  test('a new item: the room gets the markdown summary, the agents get the template_card with its buttons', async () => {
    const from = fake.calls.length;
    const { id, card } = await newItem('快递一直没到，订单 5512');
    const item = await getItem(app.deps.db, id);
    const room = since(from, 'appchat/send');
    expect(room).toHaveLength(1);
    expect(room[0]!.body).toMatchObject({ chatid: 'feedback01', msgtype: 'markdown' });
    expect(room[0]!.body.markdown.content).toContain(item!.shortId);
    expect(room[0]!.body.markdown.content).toContain('快递一直没到');
    expect(card!.body).toMatchObject({ msgtype: 'template_card', agentid: 1000002, enable_duplicate_check: 1, template_card: { card_type: 'button_interaction' } });
    expect(String(card!.body.touser).split('|').sort()).toEqual(['LiWei', 'WangFang', 'ZhangMin']);
    const keys = card!.body.template_card.button_list.map((b: { key: string }) => b.key.split(':')[0]);
    expect(keys).toEqual(expect.arrayContaining(['claim', 'note', 'escalate']));
    expect(card!.body.template_card.task_id).toMatch(/^[0-9A-Za-z_\-@]{1,128}$/);
    // One token for all of it.
    expect(fake.callsOf('gettoken')).toHaveLength(1);
  });

  test('Claim acts once however often WeCom retries, and updates the card for everyone with the click\'s code', async () => {
    const { id, taskId } = await newItem('Refund still missing after two weeks');
    const from = fake.calls.length;
    const code = fake.clickCode();
    const click = cardClick('LiWei', `claim:${id}`, { taskId, responseCode: code, createTime: 1_800_000_001 });
    for (let n = 0; n < 3; n++) {
      const res = await send(click);
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe('');
    }
    expect(await getItem(app.deps.db, id)).toMatchObject({ state: 'claimed', assignee: { id: 'li-wei' } });
    expect((await eventsOf(app.deps.db, id)).map((e) => e.type)).toEqual(['created', 'claimed']);
    await app.outbox.drain();
    const updates = since(from, 'message/update_template_card');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.ok).toBe(true);
    expect(updates[0]!.body.userids.sort()).toEqual(['LiWei', 'WangFang', 'ZhangMin']);
    expect(updates[0]!.body.template_card.task_id).toBe(taskId);
    expect(shown(updates[0]!.body.template_card)).toContain('Li Wei');
    // The room is told in one short line who holds it.
    const line = since(from, 'appchat/send').at(-1)!.body.markdown.content as string;
    expect(line).toContain('Li Wei');
    expect(Buffer.byteLength(line)).toBeLessThanOrEqual(512);
  });

  test('a refusal greys nothing and is told to the clicker alone', async () => {
    const { id, taskId } = await newItem('Wrong size delivered');
    await send(cardClick('LiWei', `claim:${id}`, { taskId, responseCode: fake.clickCode() }));
    await app.outbox.drain();
    const from = fake.calls.length;
    await send(cardClick('WangFang', `claim:${id}`, { taskId, responseCode: fake.clickCode() }));
    await app.outbox.drain();
    expect(since(from, 'message/update_template_card')).toEqual([]);
    const told = since(from, 'message/send');
    expect(told).toHaveLength(1);
    expect(told[0]!.body.touser).toBe('WangFang');
    expect(told[0]!.body.text.content).toContain('Li Wei');
    expect((await getItem(app.deps.db, id))?.assignee?.id).toBe('li-wei');
  });

  test('Reply asks for the text in the app chat; the next message is the reply; a retried message has one effect', async () => {
    const { id, taskId } = await newItem('Can I change my delivery address?');
    await send(cardClick('LiWei', `claim:${id}`, { taskId, responseCode: fake.clickCode() }));
    let from = fake.calls.length;
    await send(cardClick('LiWei', `reply:${id}`, { taskId, responseCode: fake.clickCode() }));
    const prompt = since(from, 'message/send').filter(to('LiWei'));
    expect(prompt).toHaveLength(1);
    expect(prompt[0]!.body.text.content).toMatch(/10 分钟.*取消|cancel/);
    from = fake.calls.length;
    const text = textMessage('LiWei', '您好，地址已经为您修改。', { msgId: '7300000000000009999' });
    await send(text);
    await send(text);
    const replies = await app.deps.db.selectFrom('replies').select('text').where('feedback_id', '=', id).execute();
    expect(replies.map((r) => r.text)).toEqual(['您好，地址已经为您修改。']);
    const confirmations = since(from, 'message/send').filter(to('LiWei'));
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.body.text.content).toMatch(/已完成|Done/);
    // The prompt is used up: the next text is a command again.
    from = fake.calls.length;
    await send(textMessage('LiWei', '/fb help'));
    expect(shown(since(from, 'message/send'))).toMatch(/stats/);
    expect(await app.deps.db.selectFrom('replies').select('text').where('feedback_id', '=', id).execute()).toHaveLength(1);
  });

  test('"取消" abandons a prompt; a text after ten minutes is told it timed out, and neither changes the item', async () => {
    const { id, taskId } = await newItem('Please call me back');
    await send(cardClick('LiWei', `note:${id}`, { taskId, responseCode: fake.clickCode() }));
    let from = fake.calls.length;
    await send(textMessage('LiWei', '取消'));
    expect(shown(since(from, 'message/send'))).toMatch(/已取消/);
    await send(cardClick('LiWei', `note:${id}`, { taskId, responseCode: fake.clickCode() }));
    clockOffsetMs = 11 * 60_000;
    try {
      from = fake.calls.length;
      await send(textMessage('LiWei', 'customer prefers mornings'));
      expect(shown(since(from, 'message/send'))).toMatch(/超时|timed out/);
    } finally {
      clockOffsetMs = 0;
    }
    expect((await eventsOf(app.deps.db, id)).map((e) => e.type)).toEqual(['created']);
  });

  test('Close offers the resolution codes on a vote card to the clicker; the vote closes the item with that code', async () => {
    const { id, taskId } = await newItem('The app crashes on login');
    await send(cardClick('LiWei', `claim:${id}`, { taskId, responseCode: fake.clickCode() }));
    const from = fake.calls.length;
    await send(cardClick('LiWei', `close:${id}`, { taskId, responseCode: fake.clickCode() }));
    const vote = await eventually(() => since(from, 'message/send').find((c) => c.body.msgtype === 'template_card'));
    expect(vote?.body.touser).toBe('LiWei');
    expect(vote?.body.template_card.card_type).toBe('vote_interaction');
    const options = vote!.body.template_card.checkbox.option_list.map((o: { id: string }) => o.id);
    expect(options).toContain('solved');
    await send(cardClick('LiWei', vote!.body.template_card.submit_button.key, {
      taskId: vote!.body.template_card.task_id, responseCode: fake.clickCode(), selected: { question: vote!.body.template_card.checkbox.question_key, options: ['solved'] },
    }));
    expect(await getItem(app.deps.db, id)).toMatchObject({ state: 'closed', resolution: 'solved' });
  });

  test('Escalate asks for the reason; the escalation card reaches the robot room as markdown', async () => {
    const { id, taskId } = await newItem('Third complaint this week, very angry');
    await send(cardClick('LiWei', `claim:${id}`, { taskId, responseCode: fake.clickCode() }));
    await send(cardClick('LiWei', `escalate:${id}`, { taskId, responseCode: fake.clickCode() }));
    const from = fake.calls.length;
    await send(textMessage('LiWei', 'VIP customer, needs a supervisor'));
    await app.outbox.drain();
    expect((await getItem(app.deps.db, id))?.state).toBe('escalated');
    const robot = since(from, 'webhook/send').filter((c) => c.body.msgtype === 'markdown');
    expect(robot).toHaveLength(1);
    expect(robot[0]!.query.key).toBe(ROBOT_KEY);
    expect(robot[0]!.body.markdown.content).toContain((await getItem(app.deps.db, id))!.shortId);
    expect(shown(since(from, 'webhook/send').filter((c) => c.body.msgtype === 'text'))).toContain('VIP customer');
  });

  test('commands are texts to the app, in English or Chinese; the answer comes as an app message', async () => {
    for (const words of ['/fb stats today', '统计 今日']) {
      const from = fake.calls.length;
      const res = await send(textMessage('ZhangMin', words));
      expect(res.statusCode).toBe(200);
      const answers = await eventually(() => { const found = since(from, 'message/send').filter(to('ZhangMin')); return found.length > 0 ? found : undefined; });
      expect(shown(answers)).toMatch(/收到 \/ Received/);
    }
  });

  test('an expired access token is fetched again once and the call goes through', async () => {
    const before = fake.callsOf('gettoken').length;
    fake.expireTokens();
    const from = fake.calls.length;
    await newItem('Token test: the parcel is damaged');
    expect(fake.callsOf('gettoken')).toHaveLength(before + 1);
    expect(since(from, 'appchat/send').map((c) => c.ok)).toEqual([false, true]);
  });

  test('a newcomer messaging the app becomes an agent named from WeCom; WECOM_ADMIN_USER_IDS makes an admin', async () => {
    fake.users.NewPerson = '陈晨';
    fake.users.BossAdmin = '老板';
    await send(textMessage('NewPerson', '/fb help'));
    await send(textMessage('BossAdmin', '/fb help'));
    const agents = await app.deps.db.selectFrom('agents').select(['id', 'name', 'role']).where('id', 'in', ['wecom:NewPerson', 'wecom:BossAdmin']).orderBy('id').execute();
    expect(agents).toEqual([{ id: 'wecom:BossAdmin', name: '老板', role: 'admin' }, { id: 'wecom:NewPerson', name: '陈晨', role: 'agent' }]);
  });

});
