// What a card says about time: the next deadline always, the working time left where business
// hours are set, "clock paused" while waiting on the customer, and red once a deadline is missed,
// as the neutral card and as Feishu and Slack render it.
import { describe, expect, test } from 'vitest';
import { feedbackCard } from '../../cards/feedback-card.js';
import { renderFeishuCard } from '../../adapters/feishu/render.js';
import { renderSlackCard } from '../../adapters/slack/render.js';
import type { BusinessHours } from '../../src/domain/business-time.js';
import { loadHolidayCalendar } from '../../src/deadlines/holiday-calendar.js';
import { createTranslate } from '../../src/i18n/translate.js';
import { makeItem } from '../domain/fixtures.js';

const en = createTranslate('en');
const zh = createTranslate('zh');
const office: BusinessHours = { kind: 'business', timeZone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1080, calendar: loadHolidayCalendar('cn') };
const due = (card: ReturnType<typeof feedbackCard>) => card.body.flatMap((n) => (n.type === 'fields' ? n.fields : [])).find((f) => f.label === 'Due' || f.label === '时限')?.value;
// A general item due Monday 9 March 2026 10:00 in Shanghai (02:00Z).
const item = makeItem({ priority: 'general', responseDueAt: new Date('2026-03-09T02:00:00Z'), resolveDueAt: new Date('2026-03-12T02:00:00Z') });

describe('the deadline on a card', () => {
  test('on Friday 17:00 the first response is 2 h of working time away, shown in Shanghai time', () => {
    const card = feedbackCard(item, en, { readOnly: false, variant: 'feedback', now: new Date('2026-03-06T09:00:00Z'), clock: office });
    expect(due(card)).toBe('first response by 2026-03-09 10:00, 2 h of working time left');
    expect(card.tone).toBe('info');
    expect(due(feedbackCard(item, zh, { readOnly: false, variant: 'feedback', now: new Date('2026-03-06T09:00:00Z'), clock: office })))
      .toBe('首次响应 2026-03-09 10:00，剩余 2 小时（工作时间）');
  });

  test('round the clock the same card counts calendar time', () => {
    const card = feedbackCard(item, en, { readOnly: false, variant: 'feedback', now: new Date('2026-03-06T09:00:00Z') });
    expect(due(card)).toMatch(/^first response by \d{4}-\d\d-\d\d \d\d:\d\d, 2 d 17 h left$/);
  });

  test('once answered, the resolution deadline is the one shown; while waiting on the customer the clock is paused', () => {
    const waiting = { ...item, state: 'waiting_customer' as const, assignee: { id: 'a', name: 'Li Wei' }, firstResponseAt: new Date('2026-03-09T01:30:00Z'), respondedAt: new Date('2026-03-09T01:30:00Z'), pausedAt: new Date('2026-03-09T01:30:00Z') };
    const card = feedbackCard(waiting, en, { readOnly: false, variant: 'feedback', now: new Date('2026-03-20T02:00:00Z'), clock: office });
    expect(due(card)).toBe('resolution by 2026-03-12 10:00; waiting on the customer, clock paused (27 h 30 min of working time left)');
    expect(card.tone).toBe('info');
  });

  test('a missed deadline turns the card red with a line on top, on Feishu (red header) and Slack (red mark)', () => {
    const late = feedbackCard(item, en, { readOnly: false, variant: 'feedback', now: new Date('2026-03-09T03:30:00Z'), clock: office });
    expect(late.tone).toBe('danger');
    expect(late.body[0]).toEqual({ type: 'text', text: 'Overdue: first response deadline missed by 1 h 30 min of working time' });
    expect(due(late)).toBe('first response by 2026-03-09 10:00, 1 h 30 min of working time overdue');
    const feishu = renderFeishuCard(late);
    expect(feishu.header.template).toBe('red');
    expect(JSON.stringify(feishu)).toContain('first response deadline missed by 1 h 30 min');
    const slack = renderSlackCard(late);
    expect(slack.text.startsWith('🔴')).toBe(true);
    expect(JSON.stringify(slack.blocks)).toContain('1 h 30 min of working time overdue');
  });

  test('a resolved item shows no deadline', () => {
    const done = { ...item, state: 'resolved' as const, resolvedAt: new Date('2026-03-09T01:00:00Z') };
    expect(due(feedbackCard(done, en, { readOnly: false, variant: 'feedback', now: new Date('2026-03-20T02:00:00Z'), clock: office }))).toBeUndefined();
  });
});
