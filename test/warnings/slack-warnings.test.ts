// Warning cards through Slack's fake Web API: posted once to the warnings channel, then
// Acknowledge from the message, Assign and Resolve through their modals, each updating the card.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { ensureChannel } from '../../src/channels-repo.js';
import { scanWarnings } from '../../src/warnings/scan.js';
import { databases } from '../helpers/test-database.js';
import type { FakeSlack } from '../slack/fake-slack.js';
import { buildSlackApp, shown } from '../slack/slack-app.js';
import { blockAction, FORM, signed, viewSubmission } from '../slack/slack-requests.js';
import { insertItems } from './traffic.js';

describe.each(databases)('%s: warnings in Slack', (kind) => {
  let app: App;
  let fake: FakeSlack;
  beforeAll(async () => {
    ({ app, fake } = await buildSlackApp(kind));
    await ensureChannel(app.deps.db, { platform: 'slack', chatId: 'C_WARN', purpose: 'warnings', name: 'warnings', filters: {}, readOnly: false });
    app.deps.channels.invalidate();
  });
  afterAll(async () => { await app.close(); });
  const send = (body: string) => app.inject(signed(body, FORM));

  test('a warning card is posted once, and Acknowledge, Assign and Resolve work from Slack', async () => {
    const now = new Date();
    await insertItems(app.deps.db, [50, 30, 10].map((h) => ({ at: new Date(now.getTime() - h * 3_600_000), customer: 'c-slack', kind: 'complaint', sentiment: 'negative', text: `Order still not here (${h})` })));
    await scanWarnings(app.deps, now);
    await scanWarnings(app.deps, new Date(now.getTime() + 60_000));
    await app.outbox.drain();
    const posts = fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C_WARN' && c.ok);
    expect(posts).toHaveLength(1);
    const text = shown(posts[0]!.args.blocks);
    expect(text).toContain('Repeated complaints');
    expect(text).toContain('Order still not here');
    const values = (posts[0]!.args.blocks as any[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements.map((e: any) => e.value as string));
    const target = values[0]!.split(':')[1]!;
    expect(values).toEqual([`claim:${target}`, `escalate:${target}`, `resolve:${target}`]);
    const ts = (await app.deps.db.selectFrom('warning_messages').select('message_ref').where('platform', '=', 'slack').executeTakeFirstOrThrow()).message_ref;

    expect((await send(blockAction({ user: 'U_ZHANG', value: `claim:${target}`, channel: 'C_WARN', messageTs: ts }))).statusCode).toBe(200);
    await app.outbox.drain();
    let update = fake.callsOf('chat.update').filter((c) => c.args.channel === 'C_WARN').at(-1)!;
    expect(update.args.ts).toBe(ts);
    expect(shown(update.args.blocks)).toContain('Zhang Min');

    await send(blockAction({ user: 'U_ZHANG', value: `escalate:${target}`, channel: 'C_WARN', messageTs: ts, trigger: 'trig-assign' }));
    const assignView = fake.callsOf('views.open').find((c) => c.args.trigger_id === 'trig-assign')!.args.view;
    expect(assignView.blocks.map((b: any) => b.block_id)).toEqual(['assignee']);
    expect((await send(viewSubmission({ user: 'U_ZHANG', view: assignView, values: { assignee: { selected: 'li-wei' } } }))).statusCode).toBe(200);

    await send(blockAction({ user: 'U_LIWEI', value: `resolve:${target}`, channel: 'C_WARN', messageTs: ts, trigger: 'trig-resolve' }));
    const resolveView = fake.callsOf('views.open').find((c) => c.args.trigger_id === 'trig-resolve')!.args.view;
    const empty = await send(viewSubmission({ user: 'U_LIWEI', view: resolveView, values: { note: { value: ' ' } } }));
    expect(empty.json()).toMatchObject({ response_action: 'errors', errors: { note: expect.any(String) } });
    expect((await send(viewSubmission({ user: 'U_LIWEI', view: resolveView, values: { note: { value: 'Called her back; courier re-sent the parcel' } } }))).statusCode).toBe(200);
    await app.outbox.drain();
    update = fake.callsOf('chat.update').filter((c) => c.args.channel === 'C_WARN').at(-1)!;
    const final = shown(update.args.blocks);
    expect(final).toContain('Li Wei');
    expect(final).toContain('courier re-sent the parcel');
    expect((update.args.blocks as any[]).some((b) => b.type === 'actions')).toBe(false);
    expect(fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C_WARN' && c.ok)).toHaveLength(1);
  });
});
