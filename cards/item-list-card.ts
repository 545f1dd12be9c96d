// A compact list of items (queue, mine): one line each, most urgent first.
import { labelOf } from '../src/domain/refusal-text.js';
import type { FeedbackItem } from '../src/domain/types.js';
import type { Translate } from '../src/i18n/translate.js';
import type { Card } from './card.js';
import { formatTime } from './feedback-card.js';

export function itemListCard(title: string, items: FeedbackItem[], t: Translate, now: Date): Card {
  const lines = items.map((item) => {
    const overdue = !item.firstResponseAt && now > item.responseDueAt ? ` ⚠ ${t('card.overdue')}` : '';
    const who = item.assignee ? ` · ${item.assignee.name}` : '';
    return `${item.shortId} [${labelOf(t, 'priority', item.priority)}] ${labelOf(t, 'state', item.state)}${who} · ${formatTime(item.responseDueAt)}${overdue}\n  ${item.maskedText.slice(0, 60)}`;
  });
  return { title, tone: items.some((i) => i.priority === 'urgent') ? 'warning' : 'info', body: [{ type: 'text', text: lines.join('\n') }], fallback: `${title}\n${lines.join('\n')}` };
}
