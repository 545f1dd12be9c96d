// The escalation chain climbs to managers: `/fb role @someone manager` makes one, and a manager
// may do what a supervisor may (take over and close an escalated item).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { getAgent } from '../../src/agents-repo.js';
import { act, buildTestApp, postFeedback } from '../helpers/test-app.js';
import { databases } from '../helpers/test-database.js';

const TEAM = [
  { id: 'li-wei', name: 'Li Wei', role: 'agent' as const },
  { id: 'zhao-lei', name: 'Zhao Lei', role: 'agent' as const },
  { id: 'boss', name: 'Boss', role: 'admin' as const },
];

describe.each(databases)('%s: manager role', (kind) => {
  let app: App;
  beforeAll(async () => { app = await buildTestApp(kind, { team: TEAM }); });
  afterAll(async () => { await app.close(); });

  const command = async (text: string, actor: string) => {
    const res = await app.inject({ method: 'POST', url: '/local/api/commands', payload: { actor, room: 'feedback', text } });
    return res.json().reply.text as string;
  };

  test('an admin makes someone a manager; an agent cannot; a wrong word shows the usage', async () => {
    expect(await command('/fb role zhao-lei manager', 'li-wei')).toContain('Only admins');
    expect(await command('/fb role zhao-lei boss', 'boss')).toContain('agent|supervisor|manager|admin');
    const done = await command('/fb role zhao-lei manager', 'boss');
    expect(done).toContain('Zhao Lei 现在是 经理');
    expect(done).toContain('Zhao Lei is now');
    expect((await getAgent(app.deps.db, 'zhao-lei'))?.role).toBe('manager');
  });

  test('a manager takes over and resolves an escalated item, as a supervisor would', async () => {
    const id = (await postFeedback(app, { text: '退款两周了还没到账', customer: { id: 'c-m1' }, channel: 'chat' })).json().id;
    expect((await act(app, 'li-wei', id, 'claim')).statusCode).toBe(200);
    expect((await act(app, 'li-wei', id, 'escalate', { reason: '需要财务' })).statusCode).toBe(200);
    expect((await act(app, 'zhao-lei', id, 'claim')).statusCode).toBe(200);
    expect((await act(app, 'zhao-lei', id, 'resolve', { code: 'refunded' })).statusCode).toBe(200);
  });
});
