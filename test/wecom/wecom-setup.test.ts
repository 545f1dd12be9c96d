// Setting WeCom up from WeCom: an admin (WECOM_ADMIN_USER_IDS) registers app group chats and group
// robots by texting the app, and sets roles; a robot's webhook key is a secret: it is stored only
// sealed, never logged, and shown by its last four characters.
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { wecomRecipients } from '../../src/wecom-recipients.js';
import { databases } from '../helpers/test-database.js';
import { postFeedback } from '../helpers/test-app.js';
import type { FakeWecom, WecomCall } from './fake-wecom.js';
import { buildWecomApp, ESCALATION_ROOM, shown } from './wecom-app.js';
import { callback, textMessage } from './wecom-requests.js';

const NEW_ROBOT_KEY = '5f6e7d8c-1a2b-4c3d-9e8f-a1b2c3d4e5f6';
const OPS_ROBOT_KEY = 'c0ffee00-1234-4abc-8def-0123456789ab';

describe.each(databases)('%s: setting WeCom up from WeCom', (kind) => {
  let app: App;
  let fake: FakeWecom;
  const logs: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({ write(chunk, _encoding, done) { logs.push(String(chunk)); done(); } });
    ({ app, fake } = await buildWecomApp(kind, { logger: pino({ level: 'debug' }, sink) }));
  });
  afterAll(async () => { await app.close(); });

  const to = (user: string) => (c: WecomCall) => String(c.body.touser).split('|').includes(user);
  /** Sends `text` from `user` and resolves the app's answer to them (sent after the callback's 200). */
  async function say(user: string, text: string): Promise<string> {
    const from = fake.calls.length;
    const res = await app.inject(callback(textMessage(user, text)));
    expect(res.statusCode).toBe(200);
    for (let i = 0; i < 50; i++) {
      const answers = fake.calls.slice(from).filter((c) => c.api === 'message/send').filter(to(user));
      if (answers.length > 0) return shown(answers.map((c) => c.body));
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no answer to ${user} for ${text}`);
  }
  const roomsOf = (chatId: string) => app.deps.db.selectFrom('chat_channels').select(['purpose', 'name'])
    .where('platform', '=', 'wecom').where('chat_id', '=', chatId).orderBy('purpose').execute();

  test('an admin registers an app group chat the app created for warnings and for digests', async () => {
    expect(await say('BossAdmin', '/fb setup warnings appchat:ops01')).toMatch(/本频道现在接收.*预警|now receives: .*Warnings/i);
    expect(await say('BossAdmin', '/fb setup digests appchat:ops01')).toMatch(/本频道现在接收|now receives/);
    expect((await roomsOf('appchat:ops01')).map((r) => r.purpose)).toEqual(['digests', 'warnings']);
  });

  test('an admin registers a group robot by its whole webhook URL; new feedback reaches it, and the key is nowhere in clear', async () => {
    const answer = await say('BossAdmin', `/fb setup feedback https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${NEW_ROBOT_KEY}`);
    expect(answer).toMatch(/本频道现在接收|now receives/);
    const stored = await app.deps.db.selectFrom('chat_channels').select(['chat_id', 'name']).where('name', 'like', 'robot%').where('purpose', '=', 'intake').execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.chat_id).toMatch(/^robot:k1\.[A-Za-z0-9_-]+$/);
    expect(stored[0]!.name).toBe(`robot …${NEW_ROBOT_KEY.slice(-4)}`);
    // The same key again (as `robot:<key>` this time) is the same room, not a second one.
    await say('BossAdmin', `/fb setup feedback robot:${NEW_ROBOT_KEY} priority=urgent`);
    expect(await app.deps.db.selectFrom('chat_channels').select('chat_id').where('chat_id', '=', stored[0]!.chat_id).execute()).toHaveLength(1);
    await say('BossAdmin', `/fb setup feedback robot:${NEW_ROBOT_KEY}`);

    const from = fake.calls.length;
    await postFeedback(app, { text: 'Robot room: the blender arrived broken', customer: { id: 'c-robot' }, channel: 'chat' });
    await app.outbox.drain();
    const posts = fake.calls.slice(from).filter((c) => c.api === 'webhook/send' && c.query.key === NEW_ROBOT_KEY);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.markdown.content).toContain('the blender arrived broken');

    const listing = await say('BossAdmin', '/fb setup');
    expect(listing).toContain(`robot …${NEW_ROBOT_KEY.slice(-4)}`);
    expect(listing).not.toContain(NEW_ROBOT_KEY);
    for (const table of ['chat_channels', 'outbox', 'outbox_chats', 'card_messages', 'inbound_events', 'feedback_events']) {
      const rows = await sql<{ row: string }>`select row_to_json(t)::text as row from ${sql.table(table)} t`.execute(app.deps.db);
      expect({ table, leaks: rows.rows.filter((r) => r.row.includes(NEW_ROBOT_KEY)).length }).toEqual({ table, leaks: 0 });
    }
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.filter((line) => line.includes(NEW_ROBOT_KEY))).toEqual([]);
  });

  test('a robot room is switched off by its key, and a made-up or stolen-looking id is refused, not stored', async () => {
    await say('BossAdmin', `/fb setup escalations robot:${OPS_ROBOT_KEY}`);
    const sealed = (await app.deps.db.selectFrom('chat_channels').select('chat_id').where('purpose', '=', 'escalation').where('name', '=', `robot …${OPS_ROBOT_KEY.slice(-4)}`).executeTakeFirst())!.chat_id;
    await say('BossAdmin', `/fb setup off escalations robot:${OPS_ROBOT_KEY}`);
    expect(await roomsOf(sealed)).toEqual([]);
    // A token that does not open under this bot's key names no robot: the text is not a room.
    const before = await app.deps.db.selectFrom('chat_channels').select('chat_id').execute();
    await say('BossAdmin', '/fb setup escalations robot:k1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const after = await app.deps.db.selectFrom('chat_channels').select('chat_id').execute();
    expect(after.filter((r) => r.chat_id.includes('AAAAAAAA'))).toEqual([]);
    expect(after.length).toBeGreaterThanOrEqual(before.length);
  });

  test('a member who is not an admin can neither set a room up nor change a role, and is told so in both languages', async () => {
    expect(await say('LiWei', '/fb setup feedback appchat:mine01')).toMatch(/只有管理员可以设置频道.*Only admins can set up channels|Only admins can set up channels/s);
    expect(await roomsOf('appchat:mine01')).toEqual([]);
    expect(await say('LiWei', '/fb role @WangFang admin')).toMatch(/只有管理员可以修改角色|Only admins can change roles/);
    expect((await app.deps.db.selectFrom('agents').select('role').where('id', '=', 'wang-fang').executeTakeFirst())?.role).toBe('agent');
  });

  test('an admin makes Li Wei a supervisor with /fb role; the escalation room\'s cards then go to him too', async () => {
    const recipients = wecomRecipients(app.deps.db);
    expect(await recipients({ platform: 'wecom', chatId: ESCALATION_ROOM })).not.toContain('LiWei');
    expect(await say('BossAdmin', '/fb role @LiWei supervisor')).toMatch(/Li Wei 现在是 主管|Li Wei is now Supervisor/);
    expect((await app.deps.db.selectFrom('agents').select('role').where('id', '=', 'li-wei').executeTakeFirst())?.role).toBe('supervisor');
    expect(await recipients({ platform: 'wecom', chatId: ESCALATION_ROOM })).toContain('LiWei');
    // A newcomer named by mention becomes an agent first, then gets the role.
    fake.users.NewLead = '周婷';
    expect(await say('BossAdmin', '/fb role @NewLead supervisor')).toMatch(/周婷/);
    expect(await app.deps.db.selectFrom('agents').select(['name', 'role']).where('id', '=', 'wecom:NewLead').executeTakeFirst()).toEqual({ name: '周婷', role: 'supervisor' });
  });
});
