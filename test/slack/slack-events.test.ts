// What else reaches /slack/events: Slack's unsigned certificate check, @-mentions of the bot (a
// command outside threads, left to the thread's message event inside one), and one event
// delivered to two bot instances on one database, which has one effect.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { linkIdentity, upsertAgent } from '../../src/agents-repo.js';
import { ensureChannel } from '../../src/channels-repo.js';
import type { OpenDatabase } from '../../src/db/open.js';
import { eventsOf } from '../../src/items/items-repo.js';
import { databases, openTestDatabase } from '../helpers/test-database.js';
import { ENCRYPTION_KEY, INTAKE_SECRET, postFeedback, TEAM } from '../helpers/test-app.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { buildSlackApp, shown } from './slack-app.js';
import { blockAction, FORM, JSON_TYPE, signed, SIGNING_SECRET, threadMessage } from './slack-requests.js';

function mention(fields: { user: string; text: string; channel?: string; threadTs?: string; eventId?: string; bot?: string }) {
  const ts = `${Date.now() / 1000}`;
  return JSON.stringify({
    token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: fields.eventId ?? `Ev${Math.random().toString(16).slice(2, 10)}`, event_time: 1,
    authorizations: [{ enterprise_id: null, team_id: 'T1', user_id: fields.bot ?? 'U_BOT', is_bot: true }],
    event: { type: 'app_mention', user: fields.user, text: fields.text, ts, channel: fields.channel ?? 'C_FEEDBACK', event_ts: ts, ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}) },
  });
}

async function until(check: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(databases)('%s: Slack certificate checks and mentions', (kind) => {
  let app: App;
  let fake: FakeSlack;
  beforeAll(async () => { ({ app, fake } = await buildSlackApp(kind, { admins: 'U_ADMIN' })); fake.users.U_ADMIN = 'Ada Admin'; });
  afterAll(async () => { await app.close(); });

  test('ssl_check=1 is answered with an empty 200 without a signature; anything more is still refused', async () => {
    const check = await app.inject({ method: 'POST', url: '/slack/events', payload: 'token=deprecated&ssl_check=1', headers: { 'content-type': FORM } });
    expect(check.statusCode).toBe(200);
    expect(check.body).toBe('');
    for (const payload of ['ssl_check=2', 'ssl_check=1&command=%2Ffb&text=setup&user_id=U_ADMIN&channel_id=C1&trigger_id=t']) {
      expect((await app.inject({ method: 'POST', url: '/slack/events', payload, headers: { 'content-type': FORM } })).statusCode).toBe(401);
    }
  });

  test('"@Feedback Desk queue" in a channel is a command answered to the person alone', async () => {
    await postFeedback(app, { text: 'Mentioned queue: the zip is broken', customer: { id: 'c-mention' }, channel: 'chat' });
    await app.outbox.drain();
    const res = await app.inject(signed(mention({ user: 'U_LIWEI', text: '<@U_BOT> queue' }), JSON_TYPE));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    await until(() => fake.callsOf('chat.postEphemeral').some((c) => c.args.user === 'U_LIWEI' && shown(c.args.blocks).includes('Mentioned queue')));
    const answer = fake.callsOf('chat.postEphemeral').find((c) => c.args.user === 'U_LIWEI' && shown(c.args.blocks).includes('Mentioned queue'))!;
    expect(answer.args.channel).toBe('C_FEEDBACK');
  });

  test('a mention naming someone else works as in /fb: an admin changes a role', async () => {
    const res = await app.inject(signed(mention({ user: 'U_ADMIN', text: '<@U_BOT> role <@U_WANG> supervisor' }), JSON_TYPE));
    expect(res.statusCode).toBe(200);
    await until(() => fake.callsOf('chat.postEphemeral').some((c) => c.args.user === 'U_ADMIN' && String(c.args.text).includes('Wang Fang')));
  });

  test('a mention inside a thread is left to the thread\'s message event; a bot\'s mention is ignored', async () => {
    const before = fake.callsOf('chat.postEphemeral').length;
    const inThread = await app.inject(signed(mention({ user: 'U_LIWEI', text: '<@U_BOT> queue', threadTs: '1700000000.000100' }), JSON_TYPE));
    expect(inThread.statusCode).toBe(200);
    const fromBot = JSON.parse(mention({ user: 'U_OTHERBOT', text: '<@U_BOT> queue' }));
    fromBot.event.bot_id = 'B2';
    expect((await app.inject(signed(JSON.stringify(fromBot), JSON_TYPE))).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.callsOf('chat.postEphemeral').length).toBe(before);
  });
});

describe.each(databases)('%s: one Slack delivery reaching two instances on one database', (kind) => {
  let fake: FakeSlack;
  let database: OpenDatabase;
  let apps: App[];
  beforeAll(async () => {
    fake = await startFakeSlack();
    database = await openTestDatabase(kind);
    const instance = async () => buildApp(loadConfig({
      DATA_DIR: await mkdtemp(join(tmpdir(), 'fd-twin-')), DEMO: '0', LOG_LEVEL: 'silent', INTAKE_SECRET, ENCRYPTION_KEY, PORT: '0',
      SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl,
    }), { database, logger: pino({ level: 'silent' }) });
    apps = [await instance(), await instance()];
    for (const agent of TEAM) await upsertAgent(database.db, agent);
    await linkIdentity(database.db, 'slack', 'U_LIWEI', 'li-wei');
    await linkIdentity(database.db, 'slack', 'U_WANG', 'wang-fang');
    await ensureChannel(database.db, { platform: 'slack', chatId: 'C_TWIN', purpose: 'intake', name: 'twin', filters: {}, readOnly: false });
  });
  afterAll(async () => {
    for (const app of apps ?? []) await app.close();
    await database?.close();
    await fake?.close();
  });

  test('a retried click and a retried thread message, one to each instance at once, act once', async () => {
    const { id } = (await postFeedback(apps[0]!, { text: 'Twin instances: broken hinge', customer: { id: 'c-twin' }, channel: 'chat' })).json();
    await apps[0]!.outbox.drain();
    const card = await database.db.selectFrom('card_messages').select('message_ref').where('feedback_id', '=', id).where('platform', '=', 'slack').executeTakeFirstOrThrow();

    const click = blockAction({ user: 'U_LIWEI', value: `claim:${id}`, channel: 'C_TWIN', messageTs: card.message_ref, trigger: 'twin-trigger-1' });
    const clicks = await Promise.all(apps.map((app, n) => app.inject(signed(click, FORM, { headers: n ? { 'x-slack-retry-num': '1' } : {} }))));
    expect(clicks.map((r) => r.statusCode)).toEqual([200, 200]);

    const note = threadMessage({ user: 'U_WANG', channel: 'C_TWIN', threadTs: card.message_ref, text: 'Twin note: customer sent photos', eventId: 'EvTWIN1' });
    const notes = await Promise.all(apps.map((app, n) => app.inject(signed(note, JSON_TYPE, { headers: n ? { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } : {} }))));
    expect(notes.map((r) => r.statusCode)).toEqual([200, 200]);

    expect((await eventsOf(database.db, id)).map((e) => e.type)).toEqual(['created', 'claimed', 'noted']);
    await Promise.all(apps.map((app) => app.outbox.drain()));
    // Both changes were made before delivery, so the card's updates collapse to its newest state,
    // sent once between the two instances.
    const updates = fake.callsOf('chat.update').filter((c) => c.args.channel === 'C_TWIN');
    expect(updates).toHaveLength(1);
    expect(shown(updates[0]!.args.blocks)).toContain('Li Wei');
    expect(fake.callsOf('chat.postEphemeral')).toEqual([]);
  });
});
