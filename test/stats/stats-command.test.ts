// /fb stats reads the rollups: checked against numbers worked out by hand, on a day that lost an
// hour to daylight saving in the configured zone, through the local chat's command box.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import type { App } from '../../src/app.js';
import { compactStatsDeltas } from '../../src/stats/compact.js';
import { buildTestApp } from '../helpers/test-app.js';
import { databases } from '../helpers/test-database.js';
import { insertItems } from './fixture.js';

const NOW = new Date('2026-03-09T12:00:00Z');

async function command(app: App, text: string, actor = 'zhang-min') {
  const res = await app.inject({ method: 'POST', url: '/local/api/commands', payload: { actor, room: 'feedback', text } });
  expect(res.statusCode).toBe(200);
  return res.json().reply as { kind: 'card'; card: { title: string; body: any[]; fallback: string } } | { kind: 'text'; text: string };
}
function fieldsOf(reply: Awaited<ReturnType<typeof command>>): Record<string, string> {
  if (reply.kind !== 'card') throw new Error(`expected a card, got: ${reply.text}`);
  return Object.fromEntries(reply.card.body[0].fields.map((f: { label: string; value: string }) => [f.label, f.value]));
}
function linesOf(reply: Awaited<ReturnType<typeof command>>): string[] {
  if (reply.kind !== 'card') throw new Error(`expected a card, got: ${reply.text}`);
  return String(reply.card.body[1]?.text ?? '').split('\n');
}

describe.each(databases)('stats from rollups (%s)', (kind) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(kind, { env: { TZ: 'America/New_York' }, clock: { now: () => NOW } });
    // New York moved from EST (-5) to EDT (-4) at 02:00 on 2026-03-08: that local day is
    // 2026-03-08T05:00Z .. 2026-03-09T04:00Z, 23 hours.
    await insertItems(app.deps.db, [
      // 2026-03-07 23:30 local: the day before. Closed at 01:00 local on the 8th.
      { id: 'a', createdAt: '2026-03-08T04:30:00Z', topic: 'logistics', sentiment: 'negative', assignee: 'li-wei', state: 'closed',
        firstResponseAt: '2026-03-08T04:40:00Z', closedAt: '2026-03-08T06:00:00Z' },
      // 00:30 local: answered in 10 minutes (on time), resolved and closed two hours after arrival.
      { id: 'b', createdAt: '2026-03-08T05:30:00Z', topic: 'logistics', sentiment: 'negative', assignee: 'li-wei', state: 'closed',
        responseDueAt: '2026-03-08T06:00:00Z', firstResponseAt: '2026-03-08T05:40:00Z', resolvedAt: '2026-03-08T07:30:00Z', closedAt: '2026-03-08T07:30:00Z' },
      // 08:00 local (EDT): answered 120 minutes later, after its deadline; still open.
      { id: 'c', createdAt: '2026-03-08T12:00:00Z', topic: 'refund', channel: 'phone', assignee: 'wang-fang', state: 'claimed',
        responseDueAt: '2026-03-08T13:00:00Z', firstResponseAt: '2026-03-08T14:00:00Z' },
      // 23:30 local: the last half hour of the short day; unanswered past its deadline.
      { id: 'd', createdAt: '2026-03-09T03:30:00Z', topic: 'refund', channel: 'email', sentiment: 'negative', responseDueAt: '2026-03-09T04:00:00Z' },
      // 2026-03-09 00:30 local: the next day (a fixed -5 offset would count it on the 8th).
      { id: 'e', createdAt: '2026-03-09T04:30:00Z', topic: 'quality', sentiment: 'positive', state: 'closed', closedAt: '2026-03-09T05:00:00Z',
        firstResponseAt: '2026-03-09T04:35:00Z' },
    ]);
  });
  afterAll(async () => { await app.close(); });

  test('a day that lost an hour counts from local midnight to local midnight', async () => {
    const fields = fieldsOf(await command(app, '/fb stats 2026-03-08'));
    expect(fields).toMatchObject({
      '收到 / Received': '3', '负面 / Negative': '2 (67%)', '关闭 / Closed': '2', '解决 / Resolved': '1',
      '平均首次响应 / Avg first response': '65 分钟 / 65 min', '响应及时率 / Responded in time': '50%',
      '未结 / Open now': '2', '响应超时 / Response overdue': '1', '解决及时率 / Resolved in time': '100%',
      '平均解决用时 / Avg time to resolve': '2 小时 / 2 h',
      '按类型 / By kind': '咨询 / Inquiry 0 · 投诉 / Complaint 3 · 建议 / Suggestion 0 · 表扬 / Praise 0',
      '主要主题 / Top topics': '退款 / Refund 2 · 物流 / Logistics 1',
    });
    expect(fieldsOf(await command(app, '/fb stats 2026-03-07'))['收到 / Received']).toBe('1');
    const today = await command(app, '/fb stats today');
    expect(today.kind === 'card' && today.card.title).toBe('今日数据 2026-03-09 / Today 2026-03-09');
    expect(fieldsOf(today)['收到 / Received']).toBe('1');
    expect(fieldsOf(await command(app, '/fb stats yesterday'))['收到 / Received']).toBe('3');
    expect(fieldsOf(await command(app, '/fb stats 2026-03-07..2026-03-09'))['收到 / Received']).toBe('5');
    expect(fieldsOf(await command(app, '/fb stats 7d'))['收到 / Received']).toBe('5');
  });

  test('grouped by topic, agent and channel', async () => {
    const byTopic = await command(app, '/fb stats 2026-03-08 by topic');
    expect(byTopic.kind === 'card' && byTopic.card.title).toBe('数据 2026-03-08（按主题） / Numbers 2026-03-08 by topic');
    expect(linesOf(byTopic)).toEqual([
      '退款 / Refund：收到 2 · 负面 1 (50%) · 关闭 0 / 退款 / Refund: received 2 · negative 1 (50%) · closed 0',
      '物流 / Logistics：收到 1 · 负面 1 (100%) · 关闭 2 / 物流 / Logistics: received 1 · negative 1 (100%) · closed 2',
    ]);
    const byAgent = linesOf(await command(app, '统计 2026-03-08 按处理人')).join('\n');
    expect(byAgent).toContain('Li Wei: received 1 · negative 1 (100%) · closed 2');
    expect(byAgent).toContain('Wang Fang: received 1 · negative 0 (0%) · closed 0');
    expect(byAgent).toContain('未分配 / Unassigned: received 1');
    const byChannel = linesOf(await command(app, '/fb stats 2026-03-08 by=channel')).join('\n');
    expect(byChannel).toContain('phone: received 1');
    expect(byChannel).toContain('email: received 1');
  });

  test('changes after a fold are counted at once, and a fold changes no figure', async () => {
    const before = fieldsOf(await command(app, '/fb stats 2026-03-08 by kind'));
    expect(await compactStatsDeltas(app.deps.db)).toBeGreaterThan(0);
    expect(fieldsOf(await command(app, '/fb stats 2026-03-08 by kind'))).toEqual(before);
    // Item d is answered late and closed on the 9th; c moves to another topic.
    await sql`UPDATE feedback SET first_response_at = '2026-03-09T05:00:00Z', closed_at = '2026-03-09T06:00:00Z', state = 'closed' WHERE id = 'd'`.execute(app.deps.db);
    await sql`UPDATE feedback SET topic = 'price' WHERE id = 'c'`.execute(app.deps.db);
    const day = fieldsOf(await command(app, '/fb stats 2026-03-08'));
    expect(day['未结 / Open now']).toBe('1');
    expect(day['响应超时 / Response overdue']).toBe('0');
    const today = fieldsOf(await command(app, '/fb stats today'));
    expect(today['关闭 / Closed']).toBe('2');
    expect(today['响应及时率 / Responded in time']).toBe('50%');
    const topics = linesOf(await command(app, '/fb stats 2026-03-08 by topic')).join('\n');
    expect(topics).toContain('价格 / Price: received 1');
    expect(topics).toContain('退款 / Refund: received 1');
  });

  test('periods and groups that cannot be read get a readable answer', async () => {
    const text = async (words: string) => { const r = await command(app, words); return r.kind === 'text' ? r.text : r.card.title; };
    expect(await text('/fb stats lastyear')).toContain('Cannot read the period "lastyear"');
    expect(await text('/fb stats 2026-02-30')).toContain('Cannot read the period');
    expect(await text('/fb stats 2026-03-09..2026-03-01')).toContain('starts after it ends');
    expect(await text('/fb stats 2020-01-01..2026-01-01')).toContain('at most 400 days');
    expect(await text('/fb stats 7d by colour')).toContain('Cannot group by "colour"');
    expect(await text('/fb stats 7d by')).toContain('Cannot group by');
  });
});
