// The local page's command box passes the room it was typed in, so `/fb setup` works there as in
// a Slack channel or a Feishu group.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { listChannels } from '../../src/channels-repo.js';
import { buildTestApp, TEAM } from '../helpers/test-app.js';

describe('the local command box knows its room', () => {
  let app: App;
  beforeAll(async () => { app = await buildTestApp('pglite', { team: [...TEAM, { id: 'ada', name: 'Ada Admin', role: 'admin' }] }); });
  afterAll(async () => { await app.close(); });

  const command = async (text: string, room: string, actor = 'ada') => {
    const res = await app.inject({ method: 'POST', url: '/local/api/commands', payload: { actor, room, text } });
    expect(res.statusCode).toBe(200);
    const reply = res.json().reply;
    return reply.kind === 'text' ? reply.text as string : JSON.stringify(reply.card);
  };

  test('an admin sets up the room the command was typed in, with filters; /fb setup lists it', async () => {
    const done = await command('/fb setup feedback priority=urgent', 'escalations');
    expect(done).toContain('priorities=urgent');
    expect(done).not.toContain('请在要设置的频道里输入此命令');
    const rows = (await listChannels(app.deps.db)).filter((c) => c.platform === 'local' && c.chatId === 'escalations');
    expect(rows.map((c) => [c.purpose, c.filters])).toContainEqual(['intake', { priorities: ['urgent'] }]);
    expect(await command('/fb setup', 'feedback', 'li-wei')).toContain('升级 Escalations (escalations)');
    await command('/fb setup off feedback', 'escalations');
    expect((await listChannels(app.deps.db)).some((c) => c.platform === 'local' && c.chatId === 'escalations' && c.purpose === 'intake')).toBe(false);
  });

  test('an agent is refused there as anywhere else', async () => {
    expect(await command('/fb setup digests', 'warnings', 'li-wei')).toContain('Only admins');
  });
});
