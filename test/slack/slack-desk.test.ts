// The desk inside Slack: cards posted and updated in place, Claim from the message, modals for
// Reply/Note/Escalate/Close with field errors, refusals only the clicker sees, /fb commands.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { getItem } from '../../src/items/items-repo.js';
import { databases } from '../helpers/test-database.js';
import { postFeedback } from '../helpers/test-app.js';
import type { FakeSlack } from './fake-slack.js';
import { buildSlackApp, shown } from './slack-app.js';
import { blockAction, FORM, JSON_TYPE, signed, slashCommand, viewSubmission } from './slack-requests.js';

describe.each(databases)('%s: the desk in Slack', (kind) => {
  let app: App;
  let fake: FakeSlack;
  beforeAll(async () => { ({ app, fake } = await buildSlackApp(kind)); });
  afterAll(async () => { await app.close(); });

  async function newItem(text: string) {
    const { id } = (await postFeedback(app, { text, customer: { id: `c-${Math.random()}` }, channel: 'chat' })).json();
    await app.outbox.drain();
    const post = fake.callsOf('chat.postMessage').find((c) => shown(c.args.blocks).includes(text));
    return { id: id as string, ts: post?.args && (post as any).ts, post };
  }
  const send = (body: string, type = FORM) => app.inject(signed(body, type));

  test('a new item is posted to the Slack feedback channel as Block Kit with its buttons', async () => {
    const { post } = await newItem('The parcel never arrived, order 5512');
    expect(post?.args.channel).toBe('C_FEEDBACK');
    const blocks = post!.args.blocks as any[];
    expect(blocks[0].type).toBe('header');
    const buttons = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements.map((e: any) => e.value.split(':')[0]));
    expect(buttons).toEqual(expect.arrayContaining(['claim', 'note', 'escalate']));
    expect(post!.args.text).toContain('parcel never arrived');
  });

  test('Claim updates the card in place for everyone; a second claimer alone is told who has it', async () => {
    const { id } = await newItem('Refund still missing after two weeks');
    const posted = fake.callsOf('chat.postMessage').length;
    const card = await app.deps.db.selectFrom('card_messages').select('message_ref').where('feedback_id', '=', id).where('platform', '=', 'slack').executeTakeFirstOrThrow();
    const res = await send(blockAction({ user: 'U_LIWEI', value: `claim:${id}`, messageTs: card.message_ref }));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    await app.outbox.drain();
    const update = fake.callsOf('chat.update').at(-1)!;
    expect(update.args).toMatchObject({ channel: 'C_FEEDBACK', ts: card.message_ref });
    expect(shown(update.args.blocks)).toContain('Li Wei');
    expect(fake.callsOf('chat.postMessage').length).toBe(posted);

    const updates = fake.callsOf('chat.update').length;
    const second = await send(blockAction({ user: 'U_WANG', value: `claim:${id}`, messageTs: card.message_ref }));
    expect(second.statusCode).toBe(200);
    await vi_waitFor(() => fake.callsOf('chat.postEphemeral').some((c) => c.args.user === 'U_WANG'));
    const ephemeral = fake.callsOf('chat.postEphemeral').find((c) => c.args.user === 'U_WANG')!;
    expect(ephemeral.args.channel).toBe('C_FEEDBACK');
    expect(ephemeral.args.text).toContain('Li Wei');
    await app.outbox.drain();
    expect(fake.callsOf('chat.update').length).toBe(updates);
  });

  test('Reply opens a modal; an empty reply shows a field error; a written one is sent and the card moves on', async () => {
    const { id } = await newItem('App crashes on login every time');
    await send(blockAction({ user: 'U_LIWEI', value: `claim:${id}` }));
    const trigger = 'trig-reply-1';
    const res = await send(blockAction({ user: 'U_LIWEI', value: `reply:${id}`, trigger }));
    expect(res.statusCode).toBe(200);
    const open = fake.callsOf('views.open').find((c) => c.args.trigger_id === trigger)!;
    expect(open).toBeDefined();
    const view = open.args.view;
    expect(view.blocks.map((b: any) => b.block_id)).toEqual(['text', 'template']);
    expect(view.title.text.length).toBeLessThanOrEqual(24);

    const empty = await send(viewSubmission({ user: 'U_LIWEI', view, values: { text: { value: '   ' } } }));
    expect(empty.json()).toMatchObject({ response_action: 'errors', errors: { text: expect.any(String) } });

    const ok = await send(viewSubmission({ user: 'U_LIWEI', view, values: { text: { value: 'We are on it, sorry!' } } }));
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('');
    expect((await getItem(app.deps.db, id))?.state).toBe('waiting_customer');
  });

  test('Close asks for a resolution code from a list; Escalate asks for a reason', async () => {
    const { id } = await newItem('Wrong size delivered');
    await send(blockAction({ user: 'U_LIWEI', value: `claim:${id}` }));
    await send(blockAction({ user: 'U_LIWEI', value: `escalate:${id}`, trigger: 'trig-esc' }));
    const escalate = fake.callsOf('views.open').find((c) => c.args.trigger_id === 'trig-esc')!.args.view;
    expect(escalate.blocks[0]).toMatchObject({ block_id: 'reason', element: { type: 'plain_text_input' } });
    await send(blockAction({ user: 'U_LIWEI', value: `close:${id}`, trigger: 'trig-close' }));
    const close = fake.callsOf('views.open').find((c) => c.args.trigger_id === 'trig-close')!.args.view;
    expect(close.blocks[0].element.type).toBe('static_select');
    expect(close.blocks[0].element.options.map((o: any) => o.value)).toContain('solved');
    const done = await send(viewSubmission({ user: 'U_LIWEI', view: close, values: { code: { selected: 'replaced' } } }));
    expect(done.statusCode).toBe(200);
    expect((await getItem(app.deps.db, id))).toMatchObject({ state: 'closed', resolution: 'replaced' });
  });

  test('a refused form button opens no modal and tells the clicker why', async () => {
    const { id } = await newItem('Courier was rude');
    await send(blockAction({ user: 'U_LIWEI', value: `claim:${id}` }));
    await send(blockAction({ user: 'U_WANG', value: `reply:${id}`, trigger: 'trig-refused' }));
    expect(fake.callsOf('views.open').some((c) => c.args.trigger_id === 'trig-refused')).toBe(false);
    await vi_waitFor(() => fake.callsOf('chat.postEphemeral').some((c) => c.args.user === 'U_WANG' && String(c.args.text).includes('Li Wei')));
  });

  test('/fb commands answer in the channel to the person alone', async () => {
    await newItem('Where is my invoice?');
    const res = await send(slashCommand({ user: 'U_LIWEI', text: 'queue' }));
    expect(res.statusCode).toBe(200);
    expect(res.json().response_type).toBe('ephemeral');
    expect(shown(res.json().blocks)).toContain('Where is my invoice?');
    const help = await send(slashCommand({ user: 'U_LIWEI', text: 'help' }));
    expect(shown(help.json())).toContain('/fb queue');
    const unknown = await send(slashCommand({ user: 'U_LIWEI', text: 'dance' }));
    expect(unknown.json().text).toContain('dance');
  });

  test('url_verification is answered with its challenge, once signed', async () => {
    const body = JSON.stringify({ token: 'x', challenge: 'c-3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' });
    const res = await send(body, JSON_TYPE);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ challenge: 'c-3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
    const unsigned = await app.inject({ method: 'POST', url: '/slack/events', payload: body, headers: { 'content-type': JSON_TYPE } });
    expect(unsigned.statusCode).toBe(401);
  });
});

async function vi_waitFor(check: () => boolean, ms = 2000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
