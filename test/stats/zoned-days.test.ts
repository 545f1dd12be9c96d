// A day's numbers in zones whose midnight is not on a UTC hour (India +05:30, Nepal +05:45,
// Newfoundland -03:30/-02:30, South Australia +09:30/+10:30) and across daylight-saving changes:
// items a few minutes either side of a local midnight, counted by hand, before and after a fold.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { compactStatsDeltas } from '../../src/stats/compact.js';
import { isPeriod, parsePeriod } from '../../src/stats/period.js';
import { periodStats, statsByDay } from '../../src/stats/period-stats.js';
import { readDigest } from '../../src/digests/digest-data.js';
import { digestPeriod } from '../../src/digests/period.js';
import { buildTestApp } from '../helpers/test-app.js';
import { databases } from '../helpers/test-database.js';
import { insertItems } from './fixture.js';

const NOW = new Date('2026-06-15T12:00:00Z'); // 17:30 on 2026-06-15 in Kolkata

async function command(app: App, text: string): Promise<Record<string, string>> {
  const res = await app.inject({ method: 'POST', url: '/local/api/commands', payload: { actor: 'zhang-min', room: 'feedback', text } });
  const reply = res.json().reply as { kind: string; card?: { body: { fields: { label: string; value: string }[] }[] }; text?: string };
  if (reply.kind !== 'card' || !reply.card) throw new Error(`expected a card, got: ${reply.text}`);
  return Object.fromEntries(reply.card.body[0].fields.map((f) => [f.label, f.value]));
}

describe.each(databases)('days in zones off the UTC hour (%s)', (kind) => {
  let app: App;
  const received = async (zone: string, word: string, by?: 'topic') => {
    const period = parsePeriod(word, NOW, zone);
    if (!isPeriod(period)) throw new Error(word);
    return periodStats(app.deps.db, period, NOW, by);
  };

  beforeAll(async () => {
    app = await buildTestApp(kind, { env: { TZ: 'Asia/Kolkata' }, clock: { now: () => NOW } });
    await insertItems(app.deps.db, [
      // Asia/Kolkata (+05:30): midnight of 2026-06-15 is 2026-06-14T18:30Z; all three share the UTC hour 18:00.
      // 23:50 on the 14th, negative; answered at 23:55 and closed at 00:05 on the 15th.
      { id: 'k1', createdAt: '2026-06-14T18:20:00Z', topic: 'logistics', sentiment: 'negative', state: 'closed',
        firstResponseAt: '2026-06-14T18:25:00Z', closedAt: '2026-06-14T18:35:00Z' },
      // 00:10 on the 15th.
      { id: 'k2', createdAt: '2026-06-14T18:40:00Z', topic: 'refund' },
      // 12:00 on the 15th: a whole UTC hour inside the day (06:30Z).
      { id: 'k3', createdAt: '2026-06-15T06:30:00Z', topic: 'refund', sentiment: 'negative' },
      // 23:59 on the 15th (18:29Z) and 00:00 on the 16th (18:30Z, the next day's first minute).
      { id: 'k4', createdAt: '2026-06-15T18:29:00Z', topic: 'quality' },
      { id: 'k5', createdAt: '2026-06-15T18:30:00Z', topic: 'quality' },

      // Asia/Kathmandu (+05:45): midnight of 2026-07-02 is 2026-07-01T18:15Z.
      { id: 'n1', createdAt: '2026-07-01T18:05:00Z', channel: 'nepal' },
      { id: 'n2', createdAt: '2026-07-01T18:25:00Z', channel: 'nepal' },

      // America/St_Johns: NST (-03:30) to NDT (-02:30) at 02:00 on 2026-03-08, a 23-hour day from
      // 2026-03-08T03:30Z to 2026-03-09T02:30Z.
      { id: 's1', createdAt: '2026-03-08T03:20:00Z', channel: 'newfoundland' }, // 23:50 on the 7th
      { id: 's2', createdAt: '2026-03-08T03:40:00Z', channel: 'newfoundland' }, // 00:10 on the 8th
      { id: 's3', createdAt: '2026-03-09T02:20:00Z', channel: 'newfoundland' }, // 23:50 NDT on the 8th
      { id: 's4', createdAt: '2026-03-09T02:40:00Z', channel: 'newfoundland' }, // 00:10 on the 9th

      // Australia/Adelaide: ACDT (+10:30) to ACST (+09:30) at 03:00 on 2026-04-05, a 25-hour day
      // from 2026-04-04T13:30Z to 2026-04-05T14:30Z; 02:30 happens twice.
      { id: 'a1', createdAt: '2026-04-04T13:20:00Z', channel: 'adelaide' }, // 23:50 on the 4th
      { id: 'a2', createdAt: '2026-04-04T13:40:00Z', channel: 'adelaide', firstResponseAt: '2026-04-05T14:25:00Z' }, // 00:10 on the 5th, answered 23:55
      { id: 'a3', createdAt: '2026-04-04T16:00:00Z', channel: 'adelaide' }, // 02:30 ACDT
      { id: 'a4', createdAt: '2026-04-04T17:00:00Z', channel: 'adelaide' }, // 02:30 ACST
      { id: 'a5', createdAt: '2026-04-05T14:20:00Z', channel: 'adelaide' }, // 23:50 on the 5th
      { id: 'a6', createdAt: '2026-04-05T14:40:00Z', channel: 'adelaide' }, // 00:10 on the 6th

      // America/New_York: EDT (-04) to EST (-05) at 02:00 on 2026-11-01, a 25-hour day from
      // 2026-11-01T04:00Z to 2026-11-02T05:00Z; 01:30 happens twice.
      { id: 'y1', createdAt: '2026-11-01T03:50:00Z', channel: 'new-york' }, // 23:50 on Oct 31
      { id: 'y2', createdAt: '2026-11-01T05:30:00Z', channel: 'new-york' }, // 01:30 EDT
      { id: 'y3', createdAt: '2026-11-01T06:30:00Z', channel: 'new-york' }, // 01:30 EST
      { id: 'y4', createdAt: '2026-11-02T04:50:00Z', channel: 'new-york' }, // 23:50 EST
      { id: 'y5', createdAt: '2026-11-02T05:10:00Z', channel: 'new-york' }, // 00:10 on Nov 2
    ]);
  });
  afterAll(async () => { await app.close(); });

  test('Asia/Kolkata: items at 23:50 and 00:10 count on their own days in /fb stats', async () => {
    for (const fold of [false, true]) {
      if (fold) expect(await compactStatsDeltas(app.deps.db)).toBeGreaterThan(0);
      const before = await command(app, '/fb stats 2026-06-14');
      expect(before).toMatchObject({
        '收到 / Received': '1', '负面 / Negative': '1 (100%)', '关闭 / Closed': '0', '平均首次响应 / Avg first response': '5 分钟 / 5 min',
      });
      const day = await command(app, '/fb stats 2026-06-15');
      expect(day).toMatchObject({
        '收到 / Received': '3', '负面 / Negative': '1 (33%)', '关闭 / Closed': '1', '平均首次响应 / Avg first response': '—',
        '主要主题 / Top topics': '退款 / Refund 2 · 质量 / Quality 1',
      });
      expect(await command(app, '/fb stats today')).toMatchObject({ '收到 / Received': '3' });
      expect(await command(app, '/fb stats yesterday')).toMatchObject({ '收到 / Received': '1' });
      expect(await command(app, '/fb stats 2026-06-14..2026-06-16')).toMatchObject({ '收到 / Received': '5', '关闭 / Closed': '1' });
      expect(await command(app, '/fb stats 2d')).toMatchObject({ '收到 / Received': '4' });
      const byTopic = await received('Asia/Kolkata', '2026-06-15', 'topic');
      expect(byTopic.groups.map((g) => [g.value, g.measures.received, g.measures.closed])).toEqual([['refund', 2, 0], ['quality', 1, 0], ['logistics', 0, 1]]);
    }
  });

  test('Asia/Kathmandu (+05:45): the quarter-hour midnight', async () => {
    expect((await received('Asia/Kathmandu', '2026-07-01')).totals.received).toBe(1);
    expect((await received('Asia/Kathmandu', '2026-07-02')).totals.received).toBe(1);
  });

  test('America/St_Johns: a 23-hour day at a half-hour offset', async () => {
    expect((await received('America/St_Johns', '2026-03-07')).totals.received).toBe(1);
    expect((await received('America/St_Johns', '2026-03-08')).totals.received).toBe(2);
    expect((await received('America/St_Johns', '2026-03-09')).totals.received).toBe(1);
  });

  test('Australia/Adelaide: a 25-hour day at a half-hour offset, day by day', async () => {
    const day = await received('Australia/Adelaide', '2026-04-05');
    expect(day.totals).toMatchObject({ received: 4, responded: 1, responseSecs: 24 * 3600 + 45 * 60 });
    expect(day.period.to.getTime() - day.period.from.getTime()).toBe(25 * 3600_000);
    const span = await received('Australia/Adelaide', '2026-04-04..2026-04-06');
    const days = await statsByDay(app.deps.db, span.period, 'Australia/Adelaide');
    expect(days.map((d) => [d.date, d.measures.received, d.measures.responded])).toEqual([
      ['2026-04-04', 1, 0], ['2026-04-05', 4, 1], ['2026-04-06', 1, 0],
    ]);
  });

  test('America/New_York: the 25-hour day daylight saving ends', async () => {
    expect((await received('America/New_York', '2026-10-31')).totals.received).toBe(1);
    expect((await received('America/New_York', '2026-11-01')).totals.received).toBe(3);
    expect((await received('America/New_York', '2026-11-02')).totals.received).toBe(1);
  });

  test('a digest in Asia/Kolkata counts the same day /fb stats counts', async () => {
    const digest = await readDigest(app.deps.db, digestPeriod('daily', 'Asia/Kolkata', NOW, '2026-06-15'));
    expect(digest.total).toBe(3);
    expect(digest.previousTotal).toBe(1);
  });
});
