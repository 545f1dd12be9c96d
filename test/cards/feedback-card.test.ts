// The neutral feedback card: what an agent sees and which buttons are offered now.
import { describe, expect, test } from 'vitest';
import { feedbackCard } from '../../cards/feedback-card.js';
import { createTranslate } from '../../src/i18n/translate.js';
import type { FeedbackItem } from '../../src/domain/types.js';

const t = createTranslate('both');
const now = new Date('2026-11-23T10:00:00Z');
const item: FeedbackItem = {
  id: 'item-1', shortId: 'FB-7', state: 'new', version: 1, assignee: null, kind: 'complaint', topic: 'logistics',
  sentiment: 'negative', score: -0.8, priority: 'urgent', angry: true, customerId: 'c-1', customerName: '陈先生', tier: 'vip',
  source: 'web', channel: 'chat', maskedText: '电话 [PHONE]，快递丢了', responseDueAt: new Date('2026-11-23T09:30:00Z'),
  resolveDueAt: new Date('2026-11-24T09:00:00Z'), firstResponseAt: null, resolvedAt: null, closedAt: null, resolution: null,
  createdAt: new Date('2026-11-23T09:00:00Z'),
};
const fields = (card: ReturnType<typeof feedbackCard>) =>
  Object.fromEntries(card.body.flatMap((n) => (n.type === 'fields' ? n.fields : [])).map((f) => [f.label, f.value]));
const buttons = (card: ReturnType<typeof feedbackCard>) => card.body.flatMap((n) => (n.type === 'actions' ? n.buttons : []));

describe('feedback card', () => {
  test('shows the masked text, labels in both languages, the anger flag and an overdue deadline', () => {
    const card = feedbackCard(item, t, { readOnly: false, variant: 'feedback', now });
    expect(card.title).toBe('反馈 FB-7 / Feedback FB-7');
    expect(card.tone).toBe('danger');
    // A missed deadline heads the card, then the anger flag.
    expect(card.body[0]).toEqual({ type: 'text', text: '超时：已超出首次响应时限 30 分钟 / Overdue: first response deadline missed by 30 min' });
    expect(card.body[1]).toEqual({ type: 'text', text: '客户情绪激动 / Customer is very upset' });
    expect(fields(card)['客户 / Customer']).toBe('陈先生 · VIP');
    expect(fields(card)['主题 / Topic']).toBe('物流 / Logistics');
    expect(fields(card)['时限 / Due']).toMatch(/^首次响应 \d{4}-\d\d-\d\d \d\d:\d\d，已超时 30 分钟 \/ first response by .*, 30 min overdue$/);
    expect(card.fallback).toContain('FB-7');
    expect(card.fallback).toContain('[PHONE]');
  });

  test('a new item offers claim; a claimed one offers reply with a text input; read-only rooms get no buttons', () => {
    expect(buttons(feedbackCard(item, t, { readOnly: false, variant: 'feedback', now })).map((b) => b.action)).toContain('claim');
    const claimed = { ...item, state: 'claimed' as const, assignee: { id: 'a', name: 'Li Wei' } };
    const reply = buttons(feedbackCard(claimed, t, { readOnly: false, variant: 'feedback', now })).find((b) => b.action === 'reply');
    expect(reply?.inputs).toEqual([{ name: 'text', label: '回复客户的内容 / Reply to the customer', kind: 'text', required: true }]);
    expect(buttons(feedbackCard(claimed, t, { readOnly: true, variant: 'feedback', now }))).toEqual([]);
  });
});
