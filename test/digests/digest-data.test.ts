// Every figure of a digest checked against the fixture's hand-worked answer (fixture.ts).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readDigest, type DigestData } from '../../src/digests/digest-data.js';
import { digestPeriod } from '../../src/digests/period.js';
import { digestCard } from '../../cards/digest-card.js';
import { createTranslate } from '../../src/i18n/translate.js';
import type { OpenDatabase } from '../../src/db/open.js';
import { databases, openTestDatabase } from '../helpers/test-database.js';
import { seedDigestFixture, ZONE } from './fixture.js';

describe.each(databases)('%s: the daily digest of 2026-11-30 (Asia/Shanghai)', (kind) => {
  let database: OpenDatabase;
  let d: DigestData;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDigestFixture(database.db);
    d = await readDigest(database.db, digestPeriod('daily', ZONE, new Date('2026-12-02T01:00:00Z'), '2026-11-30'));
  }, 60_000);
  afterAll(async () => database?.close());

  test('volumes by kind, topic and channel, with the day before beside them', () => {
    // A–F are the day's (E at 00:05 local is still 11-29 in UTC; K at 00:10 on 12-01 is not the day's).
    expect(d.total).toBe(6);
    expect(d.previousTotal).toBe(2);
    expect(d.negative).toBe(3);
    expect(d.byKind).toEqual([
      { key: 'complaint', n: 3, previous: 1 }, { key: 'inquiry', n: 1, previous: 1 },
      { key: 'praise', n: 1, previous: 0 }, { key: 'suggestion', n: 1, previous: 0 },
    ]);
    expect(d.byTopic).toEqual([
      { key: 'logistics', n: 2, previous: 1 }, { key: 'other', n: 2, previous: 0 },
      { key: 'refund', n: 1, previous: 1 }, { key: 'quality', n: 1, previous: 0 },
    ]);
    expect(d.byChannel).toEqual([
      { key: 'app', n: 2, previous: 1 }, { key: 'survey', n: 2, previous: 0 },
      { key: 'email', n: 1, previous: 1 }, { key: 'web', n: 1, previous: 0 },
    ]);
  });

  test('deadline compliance and median/p90 times count only what happened by the end of the day', () => {
    // Due by midnight or answered: A (20 min, on time), B (180 min, late), C (30 min, on time), D (due 22:00, unanswered).
    // Times 20, 30, 180: median 30; p90 = 30 + 0.8 × 150 = 150.
    expect(d.firstResponse).toEqual({ due: 4, met: 2, medianMinutes: 30, p90Minutes: 150 });
    // Resolved by midnight: A (240 min) and F (closed, 420 min), both within their deadline; C was resolved the next day.
    // Median (240 + 420) / 2 = 330; p90 = 240 + 0.9 × 180 = 402.
    expect(d.resolution).toEqual({ due: 2, met: 2, medianMinutes: 330, p90Minutes: 402 });
    expect(d.resolved).toBe(2);
    // Resolved or closed during the day: A and F; reopened during it: G.
    expect(d.resolvedInPeriod).toBe(2);
    expect(d.reopened).toBe(1);
  });

  test('CSAT and NPS from the day\'s surveys', () => {
    expect(d.csat).toEqual({ responses: 2, satisfied: 1, average: 3.5 });
    expect(d.nps).toEqual({ responses: 2, promoters: 1, detractors: 1, score: 0 });
  });

  test('top negative topics with their two clearest masked examples', () => {
    expect(d.negativeTopics).toEqual([
      { topic: 'logistics', n: 2, examples: ['快递三天没到，打 138****5678 也没人接', 'Parcel stuck at the depot for a week'] },
      { topic: 'quality', n: 1, examples: ['屏幕有划痕，质量太差'] },
    ]);
  });

  test('per-agent workload: actions during the day, open items now', () => {
    expect(d.agents).toEqual([
      { id: 'li-wei', name: 'Li Wei', claimed: 2, replied: 2, resolved: 1, openNow: 2 },
      { id: 'wang-fang', name: 'Wang Fang', claimed: 1, replied: 1, resolved: 1, openNow: 0 },
    ]);
  });

  test('the trend: 14 local days ending with the day, volume and negative share', () => {
    expect(d.trend).toHaveLength(14);
    expect(d.trend[0].label).toBe('11-17');
    expect(d.trend.slice(-3)).toEqual([
      { label: '11-28', total: 1, negativeShare: 1 },
      { label: '11-29', total: 2, negativeShare: 0.5 },
      { label: '11-30', total: 6, negativeShare: 0.5 },
    ]);
    expect(d.trend.slice(0, 11).every((p) => p.total === 0)).toBe(true);
  });

  test('the weekly digest of that week counts K (12-01 local) and compares with the week before', async () => {
    const w = await readDigest(database.db, digestPeriod('weekly', ZONE, new Date('2026-12-08T01:00:00Z')));
    expect([w.date, w.lastDate]).toEqual(['2026-11-30', '2026-12-06']);
    expect(w.total).toBe(7);
    expect(w.previousTotal).toBe(3);
    expect(w.trend).toHaveLength(8);
    expect(w.trend.slice(-2)).toEqual([{ label: '11-23', total: 3, negativeShare: 2 / 3 }, { label: '11-30', total: 7, negativeShare: 3 / 7 }]);
  });

  test('the card shows the figures a reader needs, in both languages', () => {
    const card = digestCard(d, createTranslate('both'));
    expect(card.title).toBe('日报 2026-11-30 / Daily digest 2026-11-30');
    const fields = Object.fromEntries((card.body[0] as { fields: { label: string; value: string }[] }).fields.map((f) => [f.label, f.value]));
    expect(fields['反馈总量 / Items']).toBe('6 (较上期 +200% / +200% vs previous)');
    expect(fields['按类型 / By kind']).toBe('投诉 / Complaint 3 (+200%) · 咨询 / Inquiry 1 (±0%) · 表扬 / Praise 1 (+1) · 建议 / Suggestion 1 (+1)');
    expect(fields['首次响应达标 / First response on time']).toBe('50% (2/4)');
    expect(fields['首次响应时长 中位/P90 / First response median / p90']).toBe('30m / 2h 30m');
    expect(fields['解决时长 中位/P90 / Resolution median / p90']).toBe('5h 30m / 6h 42m');
    expect(fields['解决率 / Resolution rate']).toBe('33% (2/6)');
    expect(fields['重开率 / Reopen rate']).toBe('50% (1/2)');
    expect(fields['满意度 CSAT / CSAT']).toBe('50%（2 份评价，平均 3.50） / 50% (2 ratings, average 3.50)');
    expect(fields['净推荐值 NPS / NPS']).toBe('0（2 份） / 0 (2 answers)');
    expect(fields['处理人工作量（认领/回复/解决/在办） / Workload (claimed/replied/resolved/open)']).toBe('Li Wei 2/2/1/2 · Wang Fang 1/1/1/0');
    const texts = card.body.filter((n) => n.type === 'text').map((n) => (n as { text: string }).text);
    expect(texts[1]).toContain('快递三天没到，打 138****5678 也没人接');
    expect(card.body.some((n) => n.type === 'image')).toBe(false);
    expect(card.fallback).toContain('6 (');
  });
});
