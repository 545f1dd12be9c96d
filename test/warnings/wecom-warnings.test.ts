// Warning cards through WeCom's fake API: the warnings room (an app group chat) gets the card once,
// naming its level and evidence, then Acknowledge from the card (template_card_event) is recorded
// and the card updated for everyone with the click's response code.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { ensureChannel } from '../../src/channels-repo.js';
import { scanWarnings } from '../../src/warnings/scan.js';
import { databases } from '../helpers/test-database.js';
import type { FakeWecom } from '../wecom/fake-wecom.js';
import { buildWecomApp, shown, WECOM_TEAM } from '../wecom/wecom-app.js';
import { callback, cardClick } from '../wecom/wecom-requests.js';
import { insertItems } from './traffic.js';

const WARN_ROOM = 'appchat:warn01';

describe.each(databases)('%s: warnings in WeCom', (kind) => {
  let app: App;
  let fake: FakeWecom;
  beforeAll(async () => {
    ({ app, fake } = await buildWecomApp(kind));
    await ensureChannel(app.deps.db, { platform: 'wecom', chatId: WARN_ROOM, purpose: 'warnings', name: 'warnings', filters: {}, readOnly: false });
    app.deps.channels.invalidate();
  });
  afterAll(async () => { await app.close(); });

  test('a warning card reaches the warnings room once with its evidence, and Acknowledge from the card is recorded and updated', async () => {
    const now = new Date();
    await insertItems(app.deps.db, [50, 30, 10].map((h) => ({ at: new Date(now.getTime() - h * 3_600_000), customer: 'c-wecom', kind: 'complaint', sentiment: 'negative', text: `Order still not here (${h})` })));
    const from = fake.calls.length;
    await scanWarnings(app.deps, now);
    await scanWarnings(app.deps, new Date(now.getTime() + 60_000));
    await app.outbox.drain();
    const sent = fake.calls.slice(from);
    // The room gets the card as markdown, once, with its level and evidence.
    const room = sent.filter((c) => c.api === 'appchat/send' && c.body.chatid === 'warn01');
    expect(room).toHaveLength(1);
    const summary = room[0]!.body.markdown.content as string;
    expect(summary).toContain('Repeated complaints');
    expect(summary).toContain('General');
    expect(summary).toContain('3 times in 7 days');
    expect(summary).toContain('Order still not here (10)');
    // The buttons come as a template card, once, to the people who act on warnings.
    const cards = sent.filter((c) => c.api === 'message/send' && c.body.msgtype === 'template_card');
    expect(cards).toHaveLength(1);
    const card = cards[0]!.body.template_card;
    expect(card.card_type).toBe('button_interaction');
    // The title fits WeCom's 26 characters in its first language; the values stay bilingual.
    expect(card.main_title.title).toMatch(/^🟠 【一般】W-1 客户反复投诉（流失风险）/);
    expect(shown(card)).toContain('3 times in 7 days');
    expect(card.horizontal_content_list).toContainEqual({ keyname: '级别', value: '一般 / General' });
    const keys = card.button_list.map((b: { key: string }) => b.key);
    const target = keys[0].split(':')[1];
    expect(keys).toEqual([`claim:${target}`, `escalate:${target}`, `resolve:${target}`]);
    const recipients = String(cards[0]!.body.touser).split('|');
    expect(recipients).toContain('ZhangMin');
    const clicker = 'ZhangMin';

    const before = fake.calls.length;
    const code = fake.clickCode();
    const res = await app.inject(callback(cardClick(clicker!, `claim:${target}`, { taskId: card.task_id, responseCode: code })));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    // WeCom is answered first and the click handled after: wait for the recorded acknowledgement.
    const agent = WECOM_TEAM[clicker as keyof typeof WECOM_TEAM];
    const acknowledged = () => app.deps.db.selectFrom('warning_events').select(['type', 'actor_id']).where('type', '=', 'acknowledged').execute();
    for (const end = Date.now() + 10_000; (await acknowledged()).length === 0 && Date.now() < end;) await new Promise((r) => setTimeout(r, 50));
    expect(await acknowledged()).toEqual([{ type: 'acknowledged', actor_id: agent }]);
    expect(await app.deps.db.selectFrom('warnings').select(['status', 'acknowledged_by']).executeTakeFirstOrThrow()).toEqual({ status: 'acknowledged', acknowledged_by: agent });
    await app.outbox.drain();
    const after = fake.calls.slice(before);
    const updates = after.filter((c) => c.api === 'message/update_template_card');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.ok).toBe(true);
    expect(updates[0]!.body.response_code).toBe(code);
    expect(updates[0]!.body.template_card.task_id).toBe(card.task_id);
    expect(shown(updates[0]!.body.template_card)).toContain('Acknowledged');
    expect(shown(updates[0]!.body.template_card)).toContain('Zhang Min');
    expect(updates[0]!.body.template_card.button_list.map((b: { key: string }) => b.key)).toEqual([`escalate:${target}`, `resolve:${target}`]);
    // The room's copy is brought up to date in one line; no second card is posted.
    const line = after.filter((c) => c.api === 'appchat/send' && c.body.chatid === 'warn01');
    expect(line).toHaveLength(1);
    expect(line[0]!.body.markdown.content).toContain('Acknowledged: Zhang Min');
    expect(after.filter((c) => c.api === 'message/send' && c.body.msgtype === 'template_card')).toEqual([]);
  }, 30_000);
});
