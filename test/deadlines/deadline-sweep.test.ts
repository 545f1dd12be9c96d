// The deadline sweep on the real app, with a controllable clock, seen from the local chat's rooms:
// reminders, the breach turning the card red, each escalation step pinging its role in the
// escalations room, nothing repeated, waiting pausing the clock, reopen starting fresh, and two
// sweeps at once taking each step once.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { sweepDeadlines } from '../../src/deadlines/sweep.js';
import { DEADLINE_SWEEP_JOB } from '../../src/deadlines/deadline-job.js';
import { getItem } from '../../src/items/items-repo.js';
import { act, buildTestApp, messagesIn, signedIntake } from '../helpers/test-app.js';
import { databases } from '../helpers/test-database.js';

const TEAM = [
  { id: 'li-wei', name: 'Li Wei', role: 'agent' as const },
  { id: 'zhang-min', name: 'Zhang Min', role: 'supervisor' as const },
  { id: 'gao-jie', name: 'Gao Jie', role: 'manager' as const },
];
const MIN = 60_000;

describe.each(databases)('%s: deadline sweep', (kind) => {
  let app: App;
  let now: Date;
  const advance = (minutes: number) => { now = new Date(now.getTime() + minutes * MIN); };
  const sweep = async (onlyItem?: string) => {
    const taken = await sweepDeadlines(app.deps, now);
    await app.outbox.drain();
    return taken.filter((s) => !onlyItem || s.itemId === onlyItem).map((s) => `${s.deadline}:${s.step}`);
  };
  const post = async (draft: Record<string, unknown>) => {
    const res = await app.inject({ method: 'POST', url: '/intake/web', ...signedIntake(draft, now) });
    expect([200, 201, 202]).toContain(res.statusCode);
    await app.outbox.drain();
    return res.json().id as string;
  };
  const texts = async (room: string) => (await messagesIn(app, room)).filter((m) => m.kind === 'text').map((m) => m.text ?? '');
  const cardOf = async (room: string, itemId: string) => (await messagesIn(app, room)).find((m) => m.kind === 'card' && JSON.stringify(m.card).includes(itemId))?.card;
  const events = async (itemId: string) => (await app.deps.db.selectFrom('feedback_events').select('type').where('feedback_id', '=', itemId).orderBy('id').execute()).map((e) => e.type);

  beforeEach(async () => {
    now = new Date(Date.now() - (Date.now() % MIN));
    app = await buildTestApp(kind, { team: TEAM, clock: { now: () => now } });
  });
  afterEach(async () => { await app.close(); });

  test('an unclaimed urgent item: its room is pinged at 80%, then the breach turns its card red and climbs to the supervisor, then the manager', async () => {
    const id = await post({ text: '充电宝冒烟了，差点着火！', customer: { id: 'c-1' }, channel: 'phone' });
    expect((await getItem(app.deps.db, id))?.priority).toBe('urgent');
    advance(23);
    expect(await sweep()).toEqual([]);
    advance(1); // 24 of 30 minutes
    expect(await sweep()).toEqual(['response:reminder']);
    expect((await texts('feedback')).at(-1)).toMatch(/尚无人认领.*剩余 6 分钟.*is unclaimed and its first response is due .* \(6 min left\)\. Please claim it/);
    // The card shows the time left; it is not red for lateness yet.
    expect(JSON.stringify(await cardOf('feedback', id))).toContain('6 min left');
    // The same minute again, and the next: the reminder is not repeated.
    expect(await sweep()).toEqual([]);
    advance(1);
    expect(await sweep()).toEqual([]);

    advance(5); // the deadline
    expect(await sweep()).toEqual(['response:breached', 'response:escalate:1:supervisor']);
    const card = await cardOf('feedback', id);
    expect(card?.body[0].text).toContain('first response deadline missed by 0 min');
    expect(JSON.stringify(card)).toContain('overdue');
    const escalations = await texts('escalations');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatch(/时限升级（第 1 级）.*处理人：未认领。请主管处理 \/ .*Deadline escalation \(step 1\).*; assignee: unassigned\. Supervisor, please act @Zhang Min$/);
    // The card went to the escalations room with the ping.
    expect((await cardOf('escalations', id))?.title).toContain('Escalated');

    advance(239);
    expect(await sweep()).toEqual([]);
    advance(1);
    expect(await sweep()).toEqual(['response:escalate:2:manager']);
    expect((await texts('escalations')).at(-1)).toMatch(/第 2 级.*请经理处理.*Manager, please act @Gao Jie$/);
    advance(60);
    expect(await sweep()).toEqual([]);
    expect(await events(id)).toEqual(['created', 'deadline_reminder', 'deadline_breached', 'deadline_escalated', 'deadline_escalated']);
  });

  test('a claimed item reminds its assignee by name; a card of a breached item is red on the platform rendering too', async () => {
    const id = await post({ text: '退款两周还没到账，请尽快处理', customer: { id: 'c-2' }, channel: 'chat' });
    const item = await getItem(app.deps.db, id);
    expect((await act(app, 'li-wei', id, 'claim')).statusCode).toBe(200);
    const total = (item!.responseDueAt.getTime() - now.getTime()) / MIN;
    advance(total * 0.8);
    expect(await sweep()).toEqual(['response:reminder']);
    expect((await texts('feedback')).at(-1)).toMatch(/Li Wei, please take care of it @Li Wei$/);
    advance(total * 0.2);
    expect(await sweep()).toEqual(['response:breached', 'response:escalate:1:supervisor']);
    expect((await texts('feedback')).at(-1)).toMatch(/missed its first response deadline .*; assignee Li Wei @Li Wei$/);
    const card = await cardOf('feedback', id);
    expect(card).toMatchObject({ tone: 'danger' });
  });

  test('waiting on the customer stops the clock; their next message resumes it with the time that was left', async () => {
    const id = await post({ text: '订单一直显示待发货', customer: { id: 'c-3' }, channel: 'chat' });
    await act(app, 'li-wei', id, 'claim');
    advance(10);
    await act(app, 'li-wei', id, 'reply', { text: '请提供订单号' });
    const waiting = await getItem(app.deps.db, id);
    expect(waiting?.state).toBe('waiting_customer');
    const left = (waiting!.resolveDueAt.getTime() - now.getTime()) / MIN;
    // Long past the resolution deadline, but the clock stood still: nothing owed.
    advance(left + 600);
    expect(await sweep()).toEqual([]);
    expect(JSON.stringify(await cardOf('feedback', id))).toContain('clock paused');
    // The customer writes back.
    await post({ text: '订单号是 A1234，麻烦查一下', customer: { id: 'c-3' }, channel: 'chat' });
    const back = await getItem(app.deps.db, id);
    expect(back?.state).toBe('claimed');
    expect(back?.resolveDueAt.getTime()).toBe(now.getTime() + left * MIN);
    expect(await events(id)).toContain('customer_wrote');
    // (The customer's new message is an item of its own, with its own deadlines: left out here.)
    advance(left - 1);
    expect(await sweep(id)).toEqual(['resolve:reminder']);
    advance(1);
    expect(await sweep(id)).toEqual(['resolve:breached', 'resolve:escalate:1:supervisor']);
  });

  test('reopen starts a new cycle: fresh deadlines, and the steps happen again for it', async () => {
    const id = await post({ text: '充电宝又冒烟了，着火了！', customer: { id: 'c-4' }, channel: 'phone' });
    advance(30);
    expect(await sweep()).toEqual(['response:breached', 'response:escalate:1:supervisor']);
    await act(app, 'li-wei', id, 'claim');
    await act(app, 'li-wei', id, 'resolve', { code: 'replaced' });
    advance(60);
    expect((await act(app, 'li-wei', id, 'reopen', { reason: '客户说还在冒烟' })).statusCode).toBe(200);
    const reopened = await getItem(app.deps.db, id);
    expect(reopened?.responseDueAt.getTime()).toBe(now.getTime() + 30 * MIN);
    expect(reopened?.deadlineCycle).toBe(1);
    expect(await sweep()).toEqual([]);
    advance(30);
    expect(await sweep()).toEqual(['response:breached', 'response:escalate:1:supervisor']);
    expect(await app.deps.db.selectFrom('deadline_steps').select(['cycle', 'step']).where('feedback_id', '=', id).orderBy('cycle').orderBy('step').execute())
      .toEqual([{ cycle: 0, step: 'breached' }, { cycle: 0, step: 'escalate:1:supervisor' }, { cycle: 1, step: 'breached' }, { cycle: 1, step: 'escalate:1:supervisor' }]);
  });

  test('a VIP customer gets the tighter limits', async () => {
    const id = await post({ text: '充电宝冒烟了，差点着火！', customer: { id: 'c-5', tier: 'vip' }, channel: 'phone' });
    expect((await getItem(app.deps.db, id))?.responseDueAt.getTime()).toBe(now.getTime() + 15 * MIN);
  });

  test('two sweeps at once take each step once: one event, one ping, one row per step', async () => {
    const ids = [];
    for (let n = 0; n < 4; n++) ids.push(await post({ text: `充电宝冒烟了 ${n} 号，着火了！`, customer: { id: `c-r${n}` }, channel: 'phone' }));
    advance(30 + 240);
    const [a, b] = await Promise.all([sweepDeadlines(app.deps, now), sweepDeadlines(app.deps, now)]);
    expect(a.length + b.length).toBe(4 * 3);
    await app.outbox.drain();
    const steps = await app.deps.db.selectFrom('deadline_steps').select('step').where('feedback_id', 'in', ids).execute();
    expect(steps).toHaveLength(12);
    // Eight escalation steps at once reach the escalations room as one round-up, pinging each role once.
    const escalationTexts = await texts('escalations');
    expect(escalationTexts).toHaveLength(1);
    expect(escalationTexts[0]!.split('\n')).toHaveLength(1 + 4);
    expect(escalationTexts[0]).toMatch(/escalation step 2: Manager, please act; assignee unassigned/);
    expect(escalationTexts[0]).toMatch(/@Zhang Min @Gao Jie$|@Gao Jie @Zhang Min$/);
    for (const id of ids) expect((await events(id)).filter((e) => e.startsWith('deadline_'))).toEqual(['deadline_breached', 'deadline_escalated', 'deadline_escalated']);
  });

  test('a sweep owing a room many texts (after downtime) sends one round-up: every step listed or counted, everyone pinged once, each card still red', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 10; n++) ids.push(await post({ text: `充电宝冒烟了 ${n} 号，着火了！`, customer: { id: `c-d${n}` }, channel: 'phone' }));
    const before = (await texts('feedback')).length;
    await act(app, 'li-wei', ids[0]!, 'claim');
    advance(8 * 60); // the bot was down for eight hours
    const taken = await sweep();
    expect(taken.filter((s) => s === 'response:breached')).toHaveLength(10);
    const feedbackTexts = (await texts('feedback')).slice(before);
    expect(feedbackTexts).toHaveLength(1);
    const lines = feedbackTexts[0]!.split('\n');
    expect(lines[0]).toBe('时限汇总：10 项同时到了提醒、超时或升级 / Deadline round-up: 10 items reached a reminder, breach or escalation at once');
    expect(lines).toHaveLength(1 + 8 + 1);
    expect(lines.at(-1)).toBe('另有 2 项，发送 /fb queue 查看 / 2 more items: send /fb queue @Li Wei');
    expect(feedbackTexts[0]).toMatch(/missed its first response deadline \(.*\), assignee (Li Wei|unassigned)/);
    // The escalations room: twenty steps (supervisor and manager for each item), one round-up with
    // each item once at its furthest step, pinging both roles once.
    const escalationTexts = await texts('escalations');
    expect(escalationTexts).toHaveLength(1);
    expect(escalationTexts[0]).toMatch(/^时限汇总：10 项/);
    expect(escalationTexts[0]).not.toMatch(/step 1/);
    expect(escalationTexts[0]!.match(/escalation step 2: Manager, please act/g)).toHaveLength(8);
    expect(escalationTexts[0]!.match(/@Zhang Min/g)).toHaveLength(1);
    expect(escalationTexts[0]!.match(/@Gao Jie/g)).toHaveLength(1);
    for (const id of ids) {
      expect(await cardOf('feedback', id)).toMatchObject({ tone: 'danger' });
      expect((await events(id)).filter((e) => e.startsWith('deadline_'))).toEqual(['deadline_breached', 'deadline_escalated', 'deadline_escalated']);
    }
    // Nothing is owed again, and the next single breach is a plain text again.
    expect(await sweep()).toEqual([]);
    const late = await post({ text: '充电宝冒烟了，着火了！', customer: { id: 'c-d10' }, channel: 'phone' });
    advance(30);
    expect(await sweep(late)).toEqual(['response:breached', 'response:escalate:1:supervisor']);
    expect((await texts('feedback')).at(-1)).toMatch(/^超时：.*已超出首次响应时限/);
  });

  test('the sweep runs as a scheduled job every minute', async () => {
    expect(app.deps.jobs.names).toContain(DEADLINE_SWEEP_JOB);
    const id = await post({ text: '充电宝冒烟了，差点着火！', customer: { id: 'c-6' }, channel: 'phone' });
    advance(31);
    const run = await app.deps.jobs.runJob(DEADLINE_SWEEP_JOB, now);
    expect(run?.outcome).toBe('ok');
    await app.outbox.drain();
    expect(await events(id)).toEqual(['created', 'deadline_breached', 'deadline_escalated']);
  });

  test('with business hours the limits skip the night and run on a make-up Saturday (调休), as the card shows', async () => {
    await app.close();
    const office = { BUSINESS_HOURS: '09:00-18:00', DEADLINES_STANDARD: 'urgent=2h/3d,general=2h/3d,routine=2h/3d', DEADLINES_VIP: 'urgent=2h/3d', DEADLINES_ENTERPRISE: 'urgent=2h/3d' };
    now = new Date('2026-02-13T09:30:00Z'); // Friday 13 February 2026, 17:30 in Shanghai
    app = await buildTestApp(kind, { team: TEAM, clock: { now: () => now }, env: office });
    const id = await post({ text: '快递三天没更新物流了', customer: { id: 'c-b1' }, channel: 'chat' });
    // Half an hour on Friday, then 90 minutes on Saturday 14 February, a make-up workday: due 10:30.
    expect((await getItem(app.deps.db, id))?.responseDueAt.toISOString()).toBe('2026-02-14T02:30:00.000Z');
    expect(JSON.stringify(await cardOf('feedback', id))).toContain('first response by 2026-02-14 10:30, 2 h of working time left');
    now = new Date('2026-02-14T01:00:00Z'); // Saturday 09:00: 30 working minutes gone of 120
    expect(await sweep()).toEqual([]);
    now = new Date('2026-02-14T02:06:00Z'); // 10:06: 96 of 120
    expect(await sweep()).toEqual(['response:reminder']);
    expect((await texts('feedback')).at(-1)).toContain('24 min of working time left');
    now = new Date('2026-02-14T02:30:00Z');
    expect(await sweep()).toEqual(['response:breached', 'response:escalate:1:supervisor']);
    // The manager's step comes 4 working hours later: 14:30 that Saturday, not during the night.
    now = new Date('2026-02-14T06:29:00Z');
    expect(await sweep()).toEqual([]);
    now = new Date('2026-02-14T06:30:00Z');
    expect(await sweep()).toEqual(['response:escalate:2:manager']);
  });
});
