// What WeCom shows: cards within WeCom's limits whatever the text, customer text unable to mention
// anyone or inject markdown, and bilingual labels shortened to one language where space is tight.
import { describe, expect, test } from 'vitest';
import { feedbackCard } from '../../cards/feedback-card.js';
import { renderFollowUp, renderSummary, renderTemplateCard } from '../../adapters/wecom/render.js';
import { ITEM_STATES } from '../../src/domain/types.js';
import { createTranslate } from '../../src/i18n/translate.js';
import { makeItem, NOW } from '../domain/fixtures.js';
import { wecomLimitViolations } from './wecom-limits.js';

const t = createTranslate('both');
const odd = ['快递没到！！！'.repeat(400), '😀'.repeat(3000), '<@all> **bold** [link](http://x) `code`', 'a'.repeat(9000), '\u0000\u0007 control', '👨‍👩‍👧‍👦'.repeat(500)];

describe('WeCom rendering', () => {
  test.each(odd.map((text, i) => [i, text]))('text %s: every state and variant stays within WeCom limits', (_i, text) => {
    for (const state of ITEM_STATES) {
      for (const readOnly of [false, true]) {
        for (const variant of ['feedback', 'escalation'] as const) {
          const item = makeItem({ maskedText: text, customerName: text.slice(0, 50), state, assignee: state === 'new' ? null : { id: 'a', name: text.slice(0, 40) } });
          expect(wecomLimitViolations(feedbackCard(item, t, { readOnly, variant, now: NOW }))).toEqual([]);
        }
      }
    }
  });

  test('customer text cannot mention anyone or become markdown in the room', () => {
    const card = feedbackCard(makeItem({ maskedText: '<@all> please **refund** [click](http://evil)' }), t, { readOnly: false, variant: 'feedback', now: NOW });
    const summary = renderSummary(card);
    expect(summary).not.toContain('<@all>');
    expect(summary).toContain('＜@all＞');
    expect(summary).toContain('\\*\\*refund\\*\\*');
    expect(summary).not.toMatch(/\[click\]\(/);
  });

  test('the agents\' card shows priority, status and who holds it; labels fit in one language', () => {
    const card = feedbackCard(makeItem({ state: 'claimed', assignee: { id: 'a', name: 'Li Wei' } }), t, { readOnly: false, variant: 'feedback', now: NOW });
    const rendered = renderTemplateCard(card, 'fb_x') as any;
    const rows = Object.fromEntries(rendered.horizontal_content_list.map((r: { keyname: string; value: string }) => [r.keyname, r.value]));
    expect(rows['优先级']).toMatch(/紧急|Urgent/);
    expect(rows['状态']).toMatch(/已认领|Claimed/);
    expect(Object.values(rows)).toContain('Li Wei');
    expect(rendered.button_list.map((b: { text: string }) => b.text)).toContain('回复 / Reply');
  });

  test('the room\'s follow-up is one short line with the status and who holds it', () => {
    const card = feedbackCard(makeItem({ state: 'claimed', assignee: { id: 'a', name: 'Li Wei' } }), t, { readOnly: false, variant: 'feedback', now: NOW });
    const line = renderFollowUp(card);
    expect(line).not.toContain('\n');
    expect(line).toMatch(/FB-1/);
    expect(line).toMatch(/已认领/);
    expect(line).toContain('Li Wei');
  });
});

describe('WeCom button keys', () => {
  test('the same action on the same item twice becomes one button: keys stay unique (found by the conformance suite)', () => {
    const card = { title: '快', tone: 'info' as const, fallback: '快', body: [{ type: 'actions' as const, buttons: [
      { label: '', action: 'reopen' as const, itemId: '--' }, { label: '', action: 'reopen' as const, itemId: '--' }, { label: 'Claim', action: 'claim' as const, itemId: '--' },
    ] }] };
    expect(wecomLimitViolations(card)).toEqual([]);
    expect((renderTemplateCard(card, 'fb_keys') as any).button_list).toHaveLength(2);
  });
});
