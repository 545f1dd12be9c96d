// Commands answer with numbers at once, the same whichever platform typed them.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { parseCommandText } from '../../commands/run-command.js';
import { act, buildTestApp, postFeedback } from '../helpers/test-app.js';

async function command(app: App, text: string, actor = 'li-wei') {
  const res = await app.inject({ method: 'POST', url: '/local/api/commands', payload: { actor, room: 'feedback', text } });
  return { status: res.statusCode, body: res.json() };
}
const shown = (reply: any) => (reply.kind === 'text' ? reply.text : JSON.stringify(reply.card));

describe('commands', () => {
  let app: App;
  let urgentId: string;
  beforeAll(async () => {
    app = await buildTestApp('pglite');
    urgentId = (await postFeedback(app, { text: '充电宝充电时冒烟了，差点着火！', customer: { id: 'c-a' }, channel: 'phone' })).json().id;
    await postFeedback(app, { text: '请问周末可以送货上门吗？', customer: { id: 'c-b' }, channel: 'chat' });
    await postFeedback(app, { text: '太失望了，衣服洗一次就掉色', customer: { id: 'c-c' }, channel: 'chat' });
    await act(app, 'li-wei', urgentId, 'claim');
    await act(app, 'li-wei', urgentId, 'reply', { text: '已安排换新，请停止使用。' });
  });
  afterAll(async () => { await app.close(); });

  test('the same words arrive from every platform', () => {
    expect(parseCommandText('/fb stats today')).toEqual({ name: 'stats', args: ['today'] });
    expect(parseCommandText('@FeedbackBot queue 5')).toEqual({ name: 'queue', args: ['5'] });
    expect(parseCommandText('  show FB-3 ')).toEqual({ name: 'show', args: ['FB-3'] });
    expect(parseCommandText('队列')).toEqual({ name: 'queue', args: [] });
  });

  test('help lists every command', async () => {
    const { body } = await command(app, '/fb help');
    for (const name of ['help', 'stats today', 'queue', 'mine', 'show']) expect(shown(body.reply)).toContain(`/fb ${name}`);
  });

  test('stats today counts what arrived today', async () => {
    const { body } = await command(app, '/fb stats today');
    const fields = Object.fromEntries(body.reply.card.body[0].fields.map((f: any) => [f.label, f.value]));
    expect(fields['收到 / Received']).toBe('3');
    expect(fields['未结 / Open now']).toBe('3');
    expect(fields['负面 / Negative']).toMatch(/^2 /);
  });

  test('queue puts urgent first; mine shows the claimed item', async () => {
    const queue = shown((await command(app, '/fb queue')).body.reply);
    expect(queue.indexOf('掉色')).toBeLessThan(queue.indexOf('送货'));
    // The time on each line says which deadline it is.
    expect(queue).toMatch(/响应时限 \/ respond by \d{4}-\d\d-\d\d \d\d:\d\d/);
    expect(shown((await command(app, '/fb mine')).body.reply)).toContain('冒烟');
    expect(shown((await command(app, '/fb mine')).body.reply)).toMatch(/解决时限 \/ resolve by/);
    expect(shown((await command(app, '/fb mine', 'wang-fang')).body.reply)).toContain('no open items');
  });

  test('show gives the card and its history; unknown words and ids get a readable answer', async () => {
    const item = await app.deps.db.selectFrom('feedback').select('seq').where('id', '=', urgentId).executeTakeFirstOrThrow();
    const card = shown((await command(app, `/fb show FB-${item.seq}`)).body.reply);
    const history = card.slice(card.indexOf('处理记录：'));
    expect(history).toMatch(/收到 \/ Received/);
    expect(history).toMatch(/认领 \/ Claimed · Li Wei/);
    expect(history).toMatch(/回复客户 \/ Replied · Li Wei: 已安排换新，请停止使用。/);
    expect(history).not.toMatch(/\b(created|claimed|replied)\b/);
    const other = (await postFeedback(app, { text: 'The lid cracked on day one', customer: { id: 'c-d' }, channel: 'email' })).json();
    await act(app, 'wang-fang', other.id, 'claim');
    await act(app, 'wang-fang', other.id, 'resolve', { code: 'replaced' });
    const shownCard = shown((await command(app, `/fb show ${other.short_id}`)).body.reply);
    const resolved = shownCard.slice(shownCard.indexOf('处理记录：'));
    expect(resolved).toMatch(/解决 \/ Resolved · Wang Fang: 已换货 \/ Replaced/);
    expect(resolved).not.toMatch(/\b(resolved|replaced)\b/);
    expect(shown((await command(app, '/fb show FB-99999')).body.reply)).toContain('No item FB-99999');
    expect(shown((await command(app, '/fb dance')).body.reply)).toContain('/fb help');
    expect(shown((await command(app, '/fb queue lots')).body.reply)).toContain('not a number');
    expect((await command(app, '/fb help', 'stranger')).status).toBe(403);
  });

  test('a name inherited from Object.prototype is an unknown command, not a peek at the runtime', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const text = shown((await command(app, `/fb ${name}`)).body.reply);
      expect(text).toBe(`没有命令“${name.toLowerCase()}”，输入 /fb help 查看全部命令 / No command "${name.toLowerCase()}"; type /fb help for the list`);
    }
  });
});
