// Several bot instances on one database, and a restart: a card's response code is used once
// whichever instance updates it, a prompt opened on one instance is answered through another or
// after a restart, a prompt that ran out is announced once, and the per-member pace is shared.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import type { OpenDatabase } from '../../src/db/open.js';
import { getItem } from '../../src/items/items-repo.js';
import { createWecomState } from '../../src/wecom-state.js';
import { databases, openTestDatabase } from '../helpers/test-database.js';
import { postFeedback } from '../helpers/test-app.js';
import { startFakeWecom, type FakeWecom, type WecomCall } from './fake-wecom.js';
import { buildWecomInstance, shown } from './wecom-app.js';
import { callback, cardClick, textMessage } from './wecom-requests.js';

describe.each(databases)('%s: WeCom across instances and restarts', (kind) => {
  let fake: FakeWecom;
  let database: OpenDatabase;
  let a: App;
  let b: App;
  const extra: App[] = [];
  beforeAll(async () => {
    fake = await startFakeWecom();
    database = await openTestDatabase(kind);
    a = await buildWecomInstance(database, fake, { seed: true });
    b = await buildWecomInstance(database, fake);
  });
  afterAll(async () => {
    for (const app of [a, b, ...extra]) await app?.close();
    await database?.close();
    await fake?.close();
  });

  const since = (from: number, api: string) => fake.calls.slice(from).filter((c) => c.api === api);
  const to = (user: string) => (c: WecomCall) => String(c.body.touser).split('|').includes(user);
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  async function eventually<T>(look: () => T | undefined, ms = 5_000): Promise<T | undefined> {
    for (const end = Date.now() + ms; Date.now() < end; await pause(100)) {
      const found = look();
      if (found) return found;
    }
    return look();
  }
  async function newItem(app: App, text: string) {
    const { id } = (await postFeedback(app, { text, customer: { id: `c-${Math.random()}` }, channel: 'chat' })).json();
    await app.outbox.drain();
    const card = fake.callsOf('message/send').find((c) => c.body.msgtype === 'template_card' && shown(c.body).includes(text));
    return { id: id as string, taskId: card!.body.template_card.task_id as string };
  }

  test('a click taken by one instance updates the card when the other delivers, with the click\'s code, once', async () => {
    const { id, taskId } = await newItem(a, 'Instances: the parcel is lost');
    const from = fake.calls.length;
    const code = fake.clickCode();
    expect((await b.inject(callback(cardClick('LiWei', `claim:${id}`, { taskId, responseCode: code })))).statusCode).toBe(200);
    await Promise.all([a.outbox.drain(), b.outbox.drain()]);
    const updates = since(from, 'message/update_template_card');
    expect(updates.map((u) => [u.body.response_code, u.ok])).toEqual([[code, true]]);
    expect(shown(updates[0]!.body.template_card)).toContain('Li Wei');
  });

  test('two instances updating one card at once use its response code once', async () => {
    const { taskId } = await newItem(a, 'Instances: two updates race');
    const from = fake.calls.length;
    const card = { title: 'FB race', tone: 'info' as const, body: [{ type: 'fields' as const, fields: [{ label: 'Status', value: 'claimed' }] }], fallback: 'race' };
    const sent = { platform: 'wecom' as const, chatId: 'appchat:feedback01', messageRef: taskId };
    await Promise.all([a, b, a, b].map((app) => app.deps.adapters.get('wecom')!.update(sent, { card, readOnly: true })));
    const updates = since(from, 'message/update_template_card');
    // One code (the send's) for this card: one update, and no code offered to WeCom twice.
    expect(updates).toHaveLength(1);
    expect(updates[0]!.ok).toBe(true);
  });

  test('a prompt opened on one instance is answered through the other, and after a restart', async () => {
    const { id, taskId } = await newItem(a, 'Instances: where is my refund?');
    await a.inject(callback(cardClick('LiWei', `claim:${id}`, { taskId, responseCode: fake.clickCode() })));
    await a.inject(callback(cardClick('LiWei', `reply:${id}`, { taskId, responseCode: fake.clickCode() })));
    // The instance that asked goes away; a new one starts on the same database.
    await a.close();
    a = await buildWecomInstance(database, fake);
    let from = fake.calls.length;
    expect((await a.inject(callback(textMessage('LiWei', '退款已经原路退回，请查收。')))).statusCode).toBe(200);
    const replies = await database.db.selectFrom('replies').select('text').where('feedback_id', '=', id).execute();
    expect(replies.map((r) => r.text)).toEqual(['退款已经原路退回，请查收。']);
    expect(await eventually(() => since(from, 'message/send').filter(to('LiWei')).find((c) => /已完成|Done/.test(shown(c.body))))).toBeDefined();
    // Used up on every instance: the next text is a command.
    from = fake.calls.length;
    await b.inject(callback(textMessage('LiWei', '/fb help')));
    expect(await eventually(() => since(from, 'message/send').filter(to('LiWei')).find((c) => /stats/.test(shown(c.body))))).toBeDefined();
    expect(await database.db.selectFrom('replies').select('text').where('feedback_id', '=', id).execute()).toHaveLength(1);
  });

  test('two texts to one prompt on two instances: only one is taken as the input', async () => {
    const { id, taskId } = await newItem(a, 'Instances: two notes at once');
    await a.inject(callback(cardClick('WangFang', `note:${id}`, { taskId, responseCode: fake.clickCode() })));
    await Promise.all([
      a.inject(callback(textMessage('WangFang', 'note from the phone'))),
      b.inject(callback(textMessage('WangFang', 'note from the desktop'))),
    ]);
    const notes = (await getItem(database.db, id))!;
    const events = await database.db.selectFrom('feedback_events').select('type').where('feedback_id', '=', notes.id).where('type', '=', 'noted').execute();
    expect(events).toHaveLength(1);
  });

  test('a prompt that ran out is announced once, by one of the instances, even after the one that opened it stopped', async () => {
    const { id, taskId } = await newItem(a, 'Instances: call me back');
    await a.inject(callback(cardClick('ZhangMin', `note:${id}`, { taskId, responseCode: fake.clickCode() })));
    await a.close();
    const later = { now: () => new Date(Date.now() + 11 * 60_000) };
    const from = fake.calls.length;
    // Two instances whose clocks are past the prompt's ten minutes both look for prompts that ran out.
    extra.push(await buildWecomInstance(database, fake, { clock: later }), await buildWecomInstance(database, fake, { clock: later }));
    a = extra.pop()!;
    const timedOut = () => since(from, 'message/send').filter(to('ZhangMin')).filter((c) => /超时|timed out/.test(shown(c.body)));
    expect(await eventually(() => (timedOut().length > 0 ? timedOut() : undefined))).toBeDefined();
    await pause(1_500);
    expect(timedOut()).toHaveLength(1);
    // And the late text is told it timed out rather than taken.
    await a.inject(callback(textMessage('ZhangMin', 'customer prefers mornings', {}), { now: later.now() }));
    expect(await database.db.selectFrom('feedback_events').select('type').where('feedback_id', '=', id).where('type', '=', 'noted').execute()).toEqual([]);
  });

  test('the per-member pace is shared: a burst of 25 sends to one member at once, the rest told when', async () => {
    const states = [createWecomState(database.db), createWecomState(database.db)];
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 36 }, (_, i) => states[i % 2]!.reserveMembers(['PaceMember'], 0)));
    // The burst is 25; the hourly rate frees one more every 3.7 s while the calls run.
    const granted = results.filter((r) => r.reserved).length;
    expect(granted).toBeGreaterThanOrEqual(25);
    expect(granted).toBeLessThanOrEqual(25 + Math.ceil((Date.now() - started) / 3_700));
    const refused = results.filter((r) => !r.reserved);
    expect(refused.length).toBe(36 - granted);
    for (const r of refused) expect(r.waitMs).toBeGreaterThan(0);
    const row = await sql<{ n: number }>`select cardinality(recent) as n from wecom_member_pace where user_id = 'PaceMember'`.execute(database.db);
    expect(Number(row.rows[0]!.n)).toBe(granted);
  });

  test('a card whose members are at their limit waits in the outbox, nothing half-sent, and goes once when the minute has passed', async () => {
    // Thirty messages to Li Wei were just sent or booked (another room, another instance).
    const state = createWecomState(database.db);
    for (let n = 0; n < 30; n++) await state.reserveMembers(['LiWei'], Infinity);
    const text = 'Instances: a paced card for the busy team';
    const from = fake.calls.length;
    await postFeedback(b, { text, customer: { id: 'c-paced' }, channel: 'chat' });
    await Promise.all([a.outbox.drain(), b.outbox.drain()]);
    expect(since(from, 'message/send').filter((c) => shown(c.body).includes(text))).toEqual([]);
    expect(since(from, 'appchat/send').filter((c) => shown(c.body).includes(text))).toEqual([]);
    const waiting = await database.db.selectFrom('outbox').select(['status', 'attempts', 'last_error']).where('chat_id', '=', 'appchat:feedback01').where('status', '=', 'pending').execute();
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ attempts: 0, last_error: expect.stringMatching(/per-member limit/) });
    // The minute passes (moved on the database rather than waited for).
    await sql`update wecom_member_pace set recent = array(select x - 120000 from unnest(recent) as x), tat = tat - 120000`.execute(database.db);
    await sql`update outbox_chats set next_send_at = now() where chat_id = 'appchat:feedback01'`.execute(database.db);
    await Promise.all([a.outbox.drain(), b.outbox.drain()]);
    const cards = since(from, 'message/send').filter((c) => shown(c.body).includes(text));
    expect(cards).toHaveLength(1);
    expect(String(cards[0]!.body.touser).split('|')).toContain('LiWei');
    expect(since(from, 'appchat/send').filter((c) => shown(c.body).includes(text))).toHaveLength(1);
  });
});
