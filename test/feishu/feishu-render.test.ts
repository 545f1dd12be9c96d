// Neutral cards → Feishu card JSON 2.0: header colour by urgency, shared for patching, people's
// words as plain text, within 30 KB; text messages that cannot @-mention anyone by accident.
import { describe, expect, test } from 'vitest';
import { cardContent, renderFeishuCard, textContent } from '../../adapters/feishu/render.js';
import type { Card } from '../../cards/card.js';
import { ACTION_NAMES } from '../../src/domain/types.js';
import { feishuLimitViolations } from './feishu-limits.js';

const card = (tone: Card['tone'], text = 'hello'): Card => ({
  title: 'FB-1', tone, fallback: text,
  body: [
    { type: 'text', text },
    { type: 'fields', fields: [{ label: 'Priority', value: 'urgent' }] },
    { type: 'actions', buttons: [
      { label: 'Claim', action: 'claim', itemId: 'i1', style: 'primary' },
      { label: 'Close', action: 'close', itemId: 'i1', inputs: [{ name: 'code', label: 'Resolution', kind: 'select', required: true, options: [{ value: 'solved', label: 'Solved' }] }] },
    ] },
  ],
});

describe('Feishu card rendering', () => {
  test('bilingual labels carry i18n_content, so a zh_cn client reads 中文 and an en_us one English; people\'s words are never split', () => {
    const bilingualCard: Card = {
      title: '反馈 FB-7 / Feedback FB-7', tone: 'info', fallback: 'x',
      body: [
        { type: 'text', text: '快递 / courier 都没来' },
        { type: 'fields', fields: [{ label: '优先级 / Priority', value: '紧急 / Urgent' }, { label: '客户 / Customer', value: '王芳 / Wang' }] },
        { type: 'actions', buttons: [{ label: '认领 / Claim', action: 'claim', itemId: 'i7' }] },
      ],
    };
    const rendered = renderFeishuCard(bilingualCard) as any;
    expect(rendered.header.title).toEqual({ tag: 'plain_text', content: '反馈 FB-7 / Feedback FB-7', i18n_content: { zh_cn: '反馈 FB-7', en_us: 'Feedback FB-7' } });
    const [text, fields] = rendered.body.elements;
    expect(text.text.i18n_content).toBeUndefined();
    expect(fields.text.i18n_content).toEqual({ zh_cn: '优先级: 紧急 / Urgent\n客户: 王芳 / Wang', en_us: 'Priority: 紧急 / Urgent\nCustomer: 王芳 / Wang' });
    expect(JSON.stringify(rendered)).toContain('"i18n_content":{"zh_cn":"认领","en_us":"Claim"}');
    // One language configured (BOT_LANG=zh or en): nothing to choose between.
    expect(JSON.stringify(renderFeishuCard(card('info')))).not.toContain('i18n_content');
  });

  test('header colour follows urgency: urgent or escalated red, overdue orange, otherwise blue', () => {
    expect(renderFeishuCard(card('danger')).header.template).toBe('red');
    expect(renderFeishuCard(card('warning')).header.template).toBe('orange');
    expect(renderFeishuCard(card('info')).header.template).toBe('blue');
  });

  test('every card is shared (update_multi) so a patch shows to everyone', () => {
    expect(renderFeishuCard(card('info')).config).toMatchObject({ update_multi: true });
  });

  test('a customer\'s markdown and @all are shown as typed, never interpreted', () => {
    const rendered = renderFeishuCard(card('info', '<at id=all></at> **free money** [x](http://evil)'));
    const div = rendered.body.elements[0] as any;
    expect(div.text).toMatchObject({ tag: 'plain_text', content: '<at id=all></at> **free money** [x](http://evil)' });
    expect(JSON.stringify(rendered)).not.toContain('"tag":"markdown"');
  });

  test('Close collects its resolution code from a select in the card\'s form, and says which inputs it submits', () => {
    const form = renderFeishuCard(card('info')).body.elements.find((e) => e.tag === 'form') as any;
    expect(form.elements[0]).toMatchObject({ tag: 'select_static', name: 'code' });
    const close = JSON.stringify(form);
    expect(close).toContain('"form_action_type":"submit"');
    expect(close).toContain('"in":"code"');
  });

  test('a 200 KB text still makes a card within 30 KB, cut with a mark', () => {
    const content = cardContent(card('info', '很长的反馈'.repeat(40_000))).content;
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(30 * 1024);
    expect(content).toContain('…');
  });

  test('text messages defuse <at> tags in the text; only the mentions given notify', () => {
    const { content } = textContent('see <at user_id="all"></at>', [{ platform: 'feishu', userId: 'ou_boss' }]);
    const text = JSON.parse(content).text as string;
    expect(text).not.toContain('<at user_id="all">');
    expect(text).toContain('<at user_id="ou_boss"></at>');
  });

  test('a card with 70 parts, hundreds of buttons and long mixed text stays within every limit', () => {
    const long = '退款🔥 refund <@U1> &amp; '.repeat(300);
    const huge: Card = {
      title: long, tone: 'warning', fallback: long,
      body: Array.from({ length: 70 }, (_, i) => i % 3 === 0
        ? { type: 'actions' as const, buttons: Array.from({ length: 30 }, (_, j) => ({ label: long, action: ACTION_NAMES[j % ACTION_NAMES.length]!, itemId: `item-${i}-${j}` })) }
        : i % 3 === 1 ? { type: 'text' as const, text: long } : { type: 'fields' as const, fields: Array.from({ length: 30 }, () => ({ label: long, value: long })) }),
    };
    expect(feishuLimitViolations(renderFeishuCard(huge))).toEqual([]);
  });
});
