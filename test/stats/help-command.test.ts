// /fb help lists every command with examples, in Chinese and English; words that name no command
// get the nearest one.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { COMMANDS } from '../../commands/index.js';
import { nearestCommand } from '../../commands/help.js';
import { buildTestApp } from '../helpers/test-app.js';
import { databases } from '../helpers/test-database.js';

async function say(app: App, text: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/local/api/commands', payload: { actor: 'li-wei', room: 'feedback', text } });
  expect(res.statusCode).toBe(200);
  const reply = res.json().reply;
  return reply.kind === 'text' ? reply.text : `${reply.card.title}\n${reply.card.body.map((n: { text?: string }) => n.text ?? '').join('\n')}`;
}

describe.each(databases)('help and the nearest command (%s)', (kind) => {
  let zh: App;
  let en: App;
  beforeAll(async () => {
    [zh, en] = await Promise.all([buildTestApp(kind, { env: { BOT_LANG: 'zh' } }), buildTestApp(kind, { env: { BOT_LANG: 'en' } })]);
  });
  afterAll(async () => { await Promise.all([zh.close(), en.close()]); });

  test('help names every command with an example, in the room language', async () => {
    const english = await say(en, '/fb help');
    const chinese = await say(zh, '帮助');
    for (const c of Object.values(COMMANDS)) {
      expect(english).toContain(`/fb ${c.usage} — ${c.summary.en}`);
      expect(chinese).toContain(`/fb ${c.usage} — ${c.summary.zh}`);
    }
    expect(english).toContain('Examples: /fb stats today · /fb stats 7d by topic');
    expect(english).toContain('/fb search 物流 慢');
    expect(english).toContain('/fb customer');
    expect(chinese).toContain('例子: /fb stats today');
    expect(chinese).toContain('中文命令名: 统计');
    expect(chinese).not.toMatch(/Examples|List the commands/);
    expect(english).not.toMatch(/例子|列出全部命令/);
  });

  test('help for one command', async () => {
    const one = await say(en, '/fb help search');
    expect(one).toContain('Command search');
    expect(one).toContain('/fb search');
    expect(one).not.toContain('/fb queue');
    expect(await say(zh, '/fb help 统计')).toContain('命令 stats');
    expect(await say(en, '/fb help serach')).toBe('No command "serach". Did you mean /fb search? For example /fb search 物流 慢. Type /fb help for the list');
  });

  test('mistyped and descriptive words get the nearest command', async () => {
    expect(await say(en, '/fb stast today')).toBe('No command "stast". Did you mean /fb stats? For example /fb stats today. Type /fb help for the list');
    expect(await say(zh, '/fb 查找 物流')).toBe('没有命令“查找”。你是不是想用 /fb search？例如 /fb search 物流 慢。输入 /fb help 查看全部命令');
    expect(await say(en, '/fb qeue')).toContain('Did you mean /fb queue?');
    expect(await say(en, '/fb custmer 42')).toContain('Did you mean /fb customer?');
    // Nothing near: the plain answer.
    expect(await say(en, '/fb dance')).toBe('No command "dance"; type /fb help for the list');
  });
});

test('nearestCommand guesses fairly and refuses to guess wildly', () => {
  const names = ['help', 'stats', 'queue', 'mine', 'show', 'customer', 'search'];
  expect(nearestCommand('stat', names)).toBe('stats');
  expect(nearestCommand('hepl', names)).toBe('help');
  expect(nearestCommand('shwo', names)).toBe('show');
  expect(nearestCommand('查看统计', names, { 统计: 'stats' })).toBe('stats');
  expect(nearestCommand('excel', names)).toBeNull(); // export is not among these names
  expect(nearestCommand('x', names)).toBeNull();
  expect(nearestCommand('zzzzzz', names)).toBeNull();
  expect(nearestCommand('constructor', names)).toBeNull();
});
