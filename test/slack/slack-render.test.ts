// Block Kit rendering: long texts cut with "…" on cards and kept whole for /fb show, urgent and
// overdue cards marked, customer text unable to ping a channel, modals within their limits.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { feedbackCard } from '../../cards/feedback-card.js';
import { renderSlackCard, renderSlackForm, renderSlackText } from '../../adapters/slack/render.js';
import { createTranslate } from '../../src/i18n/translate.js';
import { makeItem, NOW } from '../domain/fixtures.js';
import { slackLimitViolations } from './slack-limits.js';
import { shown } from './slack-app.js';

const t = createTranslate('both');
const long = '快递没到😀'.repeat(1000);

describe('Slack rendering', () => {
  test('a long text is cut with "…" on a card and kept whole in a command answer', () => {
    const card = feedbackCard(makeItem({ maskedText: long }), t, { readOnly: false, variant: 'feedback', now: NOW });
    const posted = renderSlackCard(card);
    const section = posted.blocks.find((b) => b.type === 'section' && (b as any).text?.text.startsWith('快递'))! as any;
    expect(section.text.text.endsWith('…')).toBe(true);
    expect(section.text.text.length).toBeLessThanOrEqual(3000);
    const whole = renderSlackCard(card, { whole: true });
    expect(whole.blocks.filter((b) => b.type === 'section' && (b as any).text).map((b: any) => b.text.text).join('')).toContain(long);
    expect(slackLimitViolations(whole)).toEqual([]);
  });

  test('urgent and overdue cards carry a red mark in the header and the notification text', () => {
    const urgent = renderSlackCard(feedbackCard(makeItem({ priority: 'urgent' }), t, { readOnly: false, variant: 'feedback', now: NOW }));
    expect((urgent.blocks[0] as any).text.text.startsWith('🔴')).toBe(true);
    expect(urgent.text.startsWith('🔴')).toBe(true);
    const overdue = renderSlackCard(feedbackCard(makeItem({ priority: 'routine' }), t, { readOnly: false, variant: 'feedback', now: new Date('2025-03-05T00:00:00Z') }));
    // A missed deadline turns the card red (issue 11: "turn red once breached").
    expect((overdue.blocks[0] as any).text.text.startsWith('🔴')).toBe(true);
    const calm = renderSlackCard(feedbackCard(makeItem({ priority: 'routine' }), t, { readOnly: false, variant: 'feedback', now: new Date('2025-03-03T01:10:00Z') }));
    expect((calm.blocks[0] as any).text.text.startsWith('反馈')).toBe(true);
  });

  test("a customer's <!channel> stays text; text messages escape it and keep real mentions", () => {
    const card = renderSlackCard(feedbackCard(makeItem({ maskedText: 'help <!channel> & <@U1>' }), t, { readOnly: false, variant: 'feedback', now: NOW }));
    const section = card.blocks.find((b: any) => b.text?.text?.includes('<!channel>')) as any;
    expect(section.text.type).toBe('plain_text');
    for (const field of card.blocks.flatMap((b: any) => b.fields ?? [])) expect(field.text).not.toMatch(/<!|<@/);
    const ping = renderSlackText('FB-1 escalated: <!here> now', ['<@U_ZHANG>']);
    expect(ping.text).toBe('FB-1 escalated: &lt;!here&gt; now\n<@U_ZHANG>');
    expect(shown(ping.blocks)).toContain('<@U_ZHANG>');
  });

  test('modals stay within their limits whatever the labels', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ maxLength: 3000 }), (label, title) => {
      const view = renderSlackForm({
        itemId: 'item-1', action: 'close', title: title || 'x', submitLabel: label || 'x',
        inputs: [{ name: 'code', label: label || 'x', kind: 'select', required: true, options: Array.from({ length: 120 }, (_, i) => ({ value: `v${i}`, label: label + i })) }],
      }, { chat: { platform: 'slack', chatId: 'C1' }, messageRef: '1.2' }) as any;
      expect(view.title.text.length).toBeLessThanOrEqual(24);
      expect(view.submit.text.length).toBeLessThanOrEqual(24);
      expect(view.private_metadata.length).toBeLessThanOrEqual(3000);
      expect(view.blocks[0].element.options.length).toBeLessThanOrEqual(100);
      for (const o of view.blocks[0].element.options) expect(o.text.text.length).toBeLessThanOrEqual(75);
    }), { numRuns: 100 });
  });
});
