// WeCom waits 5 s for a callback's answer and retries after: the answer comes first and the work
// after, however slow WeCom's own API is at that moment (user/get for a newcomer, message/send for
// a prompt or a command's answer).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { databases } from '../helpers/test-database.js';
import { postFeedback } from '../helpers/test-app.js';
import type { FakeWecom, WecomCall } from './fake-wecom.js';
import { buildWecomApp, shown } from './wecom-app.js';
import { callback, cardClick, textMessage } from './wecom-requests.js';

const WECOM_WAITS_MS = 5_000;
const SLOW_MS = 6_000;

describe.each(databases)('%s: the WeCom answer within 5 s', (kind) => {
  let app: App;
  let fake: FakeWecom;
  beforeAll(async () => { ({ app, fake } = await buildWecomApp(kind)); });
  afterAll(async () => { await app.close(); });

  const to = (user: string) => (c: WecomCall) => String(c.body.touser).split('|').includes(user);
  async function timed(request: ReturnType<typeof callback>) {
    const started = performance.now();
    const res = await app.inject(request);
    return { status: res.statusCode, body: res.body, ms: performance.now() - started };
  }
  async function eventually<T>(look: () => T | undefined, ms = 15_000): Promise<T | undefined> {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
      const found = look();
      if (found) return found;
    }
    return undefined;
  }

  test('a newcomer\'s first text while user/get takes 6 s: answered in time, the command answered later', async () => {
    fake.users.SlowNewcomer = '慢慢';
    fake.delayNext('user/get', SLOW_MS);
    const from = fake.calls.length;
    const answer = await timed(callback(textMessage('SlowNewcomer', '/fb help')));
    expect(answer).toMatchObject({ status: 200, body: '' });
    expect(answer.ms).toBeLessThan(WECOM_WAITS_MS);
    const help = await eventually(() => fake.calls.slice(from).filter((c) => c.api === 'message/send').filter(to('SlowNewcomer')).find((c) => /stats/.test(shown(c.body))));
    expect(help).toBeDefined();
    expect(await app.deps.db.selectFrom('agents').select('name').where('id', '=', 'wecom:SlowNewcomer').executeTakeFirst()).toEqual({ name: '慢慢' });
  }, 30_000);

  test('a Reply click while message/send takes 6 s: answered in time, and the prompt is already open', async () => {
    const { id } = (await postFeedback(app, { text: 'Deadline: the parcel is late', customer: { id: 'c-deadline' }, channel: 'chat' })).json();
    await app.outbox.drain();
    await app.inject(callback(cardClick('LiWei', `claim:${id}`, { taskId: 'fb_deadline', responseCode: fake.clickCode() })));
    fake.delayNext('message/send', SLOW_MS, 3);
    const answer = await timed(callback(cardClick('LiWei', `reply:${id}`, { taskId: 'fb_deadline', responseCode: fake.clickCode() })));
    expect(answer).toMatchObject({ status: 200, body: '' });
    expect(answer.ms).toBeLessThan(WECOM_WAITS_MS);
    // The text right after is the reply, though the prompt's own message is still on its way.
    const reply = await timed(callback(textMessage('LiWei', '已为您加急处理。')));
    expect(reply.ms).toBeLessThan(WECOM_WAITS_MS);
    const replies = await app.deps.db.selectFrom('replies').select('text').where('feedback_id', '=', id).execute();
    expect(replies.map((r) => r.text)).toEqual(['已为您加急处理。']);
  }, 30_000);

  test('a command while message/send takes 6 s: answered in time, its answer sent after', async () => {
    fake.delayNext('message/send', SLOW_MS);
    const from = fake.calls.length;
    const answer = await timed(callback(textMessage('ZhangMin', '/fb queue')));
    expect(answer).toMatchObject({ status: 200, body: '' });
    expect(answer.ms).toBeLessThan(WECOM_WAITS_MS);
    expect(await eventually(() => fake.calls.slice(from).filter((c) => c.api === 'message/send').find(to('ZhangMin')))).toBeDefined();
  }, 30_000);
});
