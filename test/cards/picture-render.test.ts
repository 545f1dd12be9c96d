// An item's pictures as each platform draws them, from the same neutral card: the local page and
// Slack from a link (Slack only a public one), WeCom as a link or a named line, Feishu only by an
// uploaded image_key; wherever a picture cannot be shown it is named, and the card stays valid.
import { describe, expect, test } from 'vitest';
import { feedbackCard } from '../../cards/feedback-card.js';
import type { Card } from '../../cards/card.js';
import { renderSlackCard } from '../../adapters/slack/render.js';
import { renderSummary } from '../../adapters/wecom/render.js';
import { renderFeishuCard } from '../../adapters/feishu/render.js';
import { publicCard } from '../../adapters/local/public-card.js';
import { createTranslate } from '../../src/i18n/translate.js';
import type { FeedbackItem } from '../../src/domain/types.js';
import { slackLimitViolations } from '../slack/slack-limits.js';
import { makeItem } from '../domain/fixtures.js';

const t = createTranslate('both');
const now = new Date('2026-12-01T10:00:00Z');
const pictures = (count: number) => Array.from({ length: count }, (_, k) => ({ id: `att-${k}`, name: `p${k}.png`, contentType: 'image/png', size: 2048 }));
const withAttachments = (attachments: FeedbackItem['attachments']): FeedbackItem => makeItem({ attachments });
const cardFor = (item: FeedbackItem, url?: (id: string) => string) =>
  feedbackCard(item, t, { readOnly: false, variant: 'feedback', now, ...(url ? { attachmentUrl: (a) => url(a.id) } : {}) });
const images = (card: Card) => card.body.filter((n) => n.type === 'image');

describe('pictures on the neutral card', () => {
  test('the first three pictures follow the text, the rest are counted, a PDF is named', () => {
    const item = withAttachments([...pictures(5), { id: 'doc', name: 'invoice.pdf', contentType: 'application/pdf', size: 3 * 1024 * 1024 }]);
    const card = cardFor(item);
    expect(images(card).map((n) => n.type === 'image' && n.alt)).toEqual(['p0', 'p1', 'p2'].map((p) => `图片：${p}.png（2 KiB） / Picture: ${p}.png (2 KiB)`));
    expect(card.body.findIndex((n) => n.type === 'image')).toBe(card.body.findIndex((n) => n.type === 'text' && n.text === item.maskedText) + 1);
    expect(card.body).toContainEqual({ type: 'context', text: '另有 2 张图片 / 2 more pictures' });
    expect(card.body).toContainEqual({ type: 'text', muted: true, text: '附件：invoice.pdf（3 MiB） / File: invoice.pdf (3 MiB)' });
  });

  test('Slack draws a public link as an image block and names a picture it cannot fetch; both within its limits', () => {
    const item = withAttachments(pictures(1));
    const linked = renderSlackCard(cardFor(item, (id) => `https://desk.example.com/files/attachments/${id}/p.png?expires=1&sig=x`));
    expect(linked.blocks).toContainEqual({ type: 'image', image_url: 'https://desk.example.com/files/attachments/att-0/p.png?expires=1&sig=x', alt_text: expect.stringContaining('p0.png') });
    const unlinked = renderSlackCard(cardFor(item));
    expect(unlinked.blocks.some((b) => b.type === 'image')).toBe(false);
    expect(JSON.stringify(unlinked.blocks)).toContain('Picture: p0.png (2 KiB)');
    for (const message of [linked, unlinked]) expect(slackLimitViolations(message)).toEqual([]);
  });

  test('WeCom links a public address and otherwise names the picture', () => {
    const item = withAttachments(pictures(1));
    expect(renderSummary(cardFor(item, (id) => `https://desk.example.com/f/${id}`))).toContain('](https://desk.example.com/f/att-0)');
    const named = renderSummary(cardFor(item));
    expect(named).toContain('Picture: p0.png (2 KiB)');
    expect(named).not.toContain('](');
  });

  test('Feishu draws only an uploaded image_key; a web address or no address is named', () => {
    const item = withAttachments(pictures(1));
    for (const card of [cardFor(item), cardFor(item, () => 'https://desk.example.com/f/x')]) {
      const feishu = renderFeishuCard(card);
      expect(feishu.body.elements.some((e) => e.tag === 'img')).toBe(false);
      expect(JSON.stringify(feishu)).toContain('Picture: p0.png (2 KiB)');
    }
    const keyed = renderFeishuCard(cardFor(item, () => 'img_v3_abc'));
    expect(keyed.body.elements).toContainEqual({ tag: 'img', img_key: 'img_v3_abc', alt: { tag: 'plain_text', content: expect.stringContaining('p0.png') } });
  });

  test('the local page gets the link and the name, not the picture id', () => {
    const shown = publicCard(cardFor(withAttachments(pictures(1)), (id) => `/files/attachments/${id}/p0.png?expires=1&sig=x`));
    expect(shown.body.find((n) => n.type === 'image')).toEqual({ type: 'image', url: '/files/attachments/att-0/p0.png?expires=1&sig=x', alt: expect.stringContaining('p0.png') });
  });
});
