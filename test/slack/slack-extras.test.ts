// Threads become notes, slow commands finish through response_url, escalations ping supervisors
// by mention, pictures go through the files v2 upload, and a chat that cannot be delivered to is
// announced once in the other rooms of its purpose and on /readyz.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { eventsOf } from '../../src/items/items-repo.js';
import { databases } from '../helpers/test-database.js';
import { messagesIn, postFeedback } from '../helpers/test-app.js';
import type { FakeSlack } from './fake-slack.js';
import { buildSlackApp, shown } from './slack-app.js';
import { blockAction, FORM, JSON_TYPE, signed, slashCommand, threadMessage, viewSubmission } from './slack-requests.js';

describe.each(databases)('%s: Slack threads, late answers, pings, pictures, failures', (kind) => {
  let app: App;
  let fake: FakeSlack;
  beforeAll(async () => { ({ app, fake } = await buildSlackApp(kind)); });
  afterAll(async () => { await app.close(); });

  const send = (body: string, type = FORM) => app.inject(signed(body, type));
  async function newItem(text: string) {
    const { id } = (await postFeedback(app, { text, customer: { id: `c-${Math.random()}` }, channel: 'chat' })).json();
    await app.outbox.drain();
    const card = await app.deps.db.selectFrom('card_messages').select('message_ref').where('feedback_id', '=', id).where('platform', '=', 'slack').executeTakeFirst();
    return { id: id as string, ts: card?.message_ref };
  }

  test("a reply in a card's thread is an internal note, once however often Slack delivers it; bots are ignored", async () => {
    const { id, ts } = await newItem('Thread me: the lid is cracked');
    const note = threadMessage({ user: 'U_WANG', channel: 'C_FEEDBACK', threadTs: ts!, text: 'Customer called again, asked for photos', eventId: 'EvNOTE1' });
    for (let n = 0; n < 2; n++) {
      const res = await app.inject({ ...signed(note, JSON_TYPE), headers: { ...signed(note, JSON_TYPE).headers, ...(n ? { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } : {}) } });
      expect(res.statusCode).toBe(200);
    }
    await send(threadMessage({ user: 'U_BOT', channel: 'C_FEEDBACK', threadTs: ts!, text: 'bot echo', botId: 'B1' }), JSON_TYPE);
    await send(threadMessage({ user: 'U_WANG', channel: 'C_FEEDBACK', threadTs: '999.1', text: 'not a card thread' }), JSON_TYPE);
    const events = await eventsOf(app.deps.db, id);
    expect(events.filter((e) => e.type === 'noted').map((e) => e.data.text)).toEqual(['Customer called again, asked for photos']);
    expect(await app.deps.db.selectFrom('replies').select('id').where('feedback_id', '=', id).execute()).toEqual([]);
    // The card now says, for everyone, that it has one internal note.
    await app.outbox.drain();
    const update = fake.callsOf('chat.update').filter((c) => c.args.ts === ts).at(-1)!;
    expect(shown(update.args.blocks)).toMatch(/内部备注 \/ Internal notes\*\n1/);
  });

  test('a command slower than Slack waits for is acknowledged at once and answered through response_url', async () => {
    await newItem('Late answer: where is my refund');
    const adapter = app.deps.adapters.get('slack')!;
    // A newcomer's first command waits for users.info, which Slack answers slowly this time.
    fake.users.U_SLOW = 'Slow Sun';
    fake.script('users.info', { status: 200, body: { ok: true, user: { id: 'U_SLOW', real_name: 'Slow Sun' } }, delayMs: 600 });
    Object.assign(adapter, { answerWithinMs: 200 });
    try {
      const res = await send(slashCommand({ user: 'U_SLOW', text: 'queue', responseUrl: `${fake.url}/hooks/commands/T1/slow` }));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Working on it') });
      const deadline = Date.now() + 5000;
      while (!fake.hooks.some((h) => h.path === '/hooks/commands/T1/slow') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const late = fake.hooks.find((h) => h.path === '/hooks/commands/T1/slow')!;
      expect(late.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(shown(late.body.blocks)).toContain('Late answer: where is my refund');
    } finally {
      Object.assign(adapter, { answerWithinMs: 2500 });
    }
  });

  test('an escalation names the supervisors so Slack notifies them', async () => {
    const { id } = await newItem('Escalate me: third broken charger');
    await send(blockAction({ user: 'U_LIWEI', value: `claim:${id}` }));
    await send(blockAction({ user: 'U_LIWEI', value: `escalate:${id}`, trigger: 'trig-ping' }));
    const view = fake.callsOf('views.open').find((c) => c.args.trigger_id === 'trig-ping')!.args.view;
    expect((await send(viewSubmission({ user: 'U_LIWEI', view, values: { reason: { value: 'Safety risk' } } }))).statusCode).toBe(200);
    await app.outbox.drain();
    const ping = fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'C_ESC' && String(c.args.text).includes('Safety risk'))!;
    expect(ping.args.text).toContain('<@U_ZHANG>');
    expect(ping.args.text).not.toContain('<@U_LIWEI>');
  });

  test('pictures go through the files v2 upload, and a direct ping reaches one person', async () => {
    const adapter = app.deps.adapters.get('slack')!;
    const bytes = Buffer.from('89504e470d0a1a0a', 'hex');
    const sent = await adapter.uploadImage!({ platform: 'slack', chatId: 'C_FEEDBACK' }, { bytes, filename: 'digest.png', title: 'Today', comment: 'Digest' });
    expect(sent).toEqual({ platform: 'slack', chatId: 'C_FEEDBACK', messageRef: 'F123' });
    expect(fake.callsOf('files.getUploadURLExternal').at(-1)!.args).toMatchObject({ filename: 'digest.png', length: String(bytes.length) });
    expect(fake.hooks.some((h) => h.path === '/upload/F123')).toBe(true);
    expect(fake.callsOf('files.completeUploadExternal').at(-1)!.args).toMatchObject({ channel_id: 'C_FEEDBACK', initial_comment: 'Digest', files: [{ id: 'F123', title: 'Today' }] });
    await adapter.ping!({ platform: 'slack', userId: 'U_ZHANG' }, 'FB-1 needs you');
    expect(fake.callsOf('chat.postMessage').at(-1)!.args).toMatchObject({ channel: 'U_ZHANG', text: 'FB-1 needs you' });
  });

  test('a channel the bot was removed from is announced once in the other feedback rooms and on /readyz', async () => {
    await app.outbox.drain();
    fake.script('chat.postMessage', { status: 200, body: { ok: false, error: 'not_in_channel' } }, 2);
    await newItem('Undeliverable one');
    await newItem('Undeliverable two');
    await app.outbox.drain();
    const notices = (await messagesIn(app, 'feedback')).filter((m) => m.kind === 'text' && m.text!.includes('feedback'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain('slack · feedback');
    expect(notices[0]!.text).toContain('not_in_channel');
    const ready = (await app.inject({ method: 'GET', url: '/readyz' })).json();
    expect(ready.undeliverableChats).toContainEqual({ platform: 'slack', chat: 'C_FEEDBACK', messages: 2, error: expect.stringContaining('not_in_channel') });
  });
});
