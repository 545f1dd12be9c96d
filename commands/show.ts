import { feedbackCard, formatTime } from '../cards/feedback-card.js';
import { excerpt } from '../cards/excerpt.js';
import { labelOf } from '../src/domain/refusal-text.js';
import type { Translate } from '../src/i18n/translate.js';
import { findItem, eventsOf } from '../src/items/items-repo.js';
import { attachmentUrlsFor } from '../src/attachments/attachment-links.js';
import type { Command, Reply } from './command.js';

/** Characters of a reply, note or reason shown in one history line. */
const DETAIL_CHARS = 120;

export const showCommand: Command = {
  name: 'show', usage: 'show <FB-12>', summary: { zh: '查看一条反馈及其处理记录', en: 'Show one item and its history' },
  async run({ args, deps, chat }): Promise<Reply> {
    if (!args[0]) return { kind: 'text', text: deps.t('show.usage') };
    const item = await findItem(deps.db, args[0]);
    if (!item) return { kind: 'text', text: deps.t('error.unknown_item', { id: args[0] }) };
    const card = feedbackCard(item, deps.t, {
      readOnly: false, variant: 'feedback', now: deps.clock.now(), clock: deps.config.deadlines.clock, attachmentUrl: attachmentUrlsFor(deps, chat?.platform),
    });
    const history = (await eventsOf(deps.db, item.id)).map((e) =>
      `${formatTime(e.at)} ${labelOf(deps.t, 'event', e.type)}${e.actorName ? ` · ${e.actorName}` : ''}${detail(e.data, deps.t)}`);
    card.body.push({ type: 'context', text: `${deps.t('show.history')}\n${history.join('\n')}` });
    return { kind: 'card', card };
  },
};

// What the person wrote (masked when stored), or the resolution by its label, never a raw code.
function detail(data: Record<string, unknown>, t: Translate): string {
  if (typeof data.code === 'string') return `: ${labelOf(t, 'resolution', data.code)}`;
  const text = data.text ?? data.reason;
  // A survey answer shows its scores before the customer's comment.
  const parts = [typeof data.rating === 'number' ? `CSAT ${data.rating}/5` : '', typeof data.nps === 'number' ? `NPS ${data.nps}/10` : '',
    typeof text === 'string' && text ? excerpt(text, DETAIL_CHARS) : ''].filter(Boolean);
  return parts.length > 0 ? `: ${parts.join(' · ')}` : '';
}
