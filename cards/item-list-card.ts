// A compact list of items (queue, mine): one line each, most urgent first.
import { labelOf } from '../src/domain/refusal-text.js';
import type { FeedbackItem } from '../src/domain/types.js';
import type { Translate } from '../src/i18n/translate.js';
import type { Card } from './card.js';
import { excerpt } from './excerpt.js';
import { WALL_CLOCK, type DeadlineClock } from '../src/domain/business-time.js';
import { deadlineStatus } from '../src/domain/deadline-status.js';
import { formatDue } from './deadline-text.js';

/** Characters of customer text shown under each line. */
const PREVIEW_CHARS = 60;

export function itemListCard(title: string, items: FeedbackItem[], t: Translate, now: Date, clock: DeadlineClock = WALL_CLOCK): Card {
  const lines = items.map((item) => {
    const who = item.assignee ? ` · ${item.assignee.name}` : '';
    return `${item.shortId} [${labelOf(t, 'priority', item.priority)}] ${labelOf(t, 'state', item.state)}${who} · ${dueText(item, t, now, clock)}\n  ${excerpt(item.maskedText, PREVIEW_CHARS)}`;
  });
  return { title, tone: items.some((i) => i.priority === 'urgent') ? 'warning' : 'info', body: [{ type: 'text', text: lines.join('\n') }], fallback: `${title}\n${lines.join('\n')}` };
}

// The deadline that matters now: a first response until there is one, then the resolution.
function dueText(item: FeedbackItem, t: Translate, now: Date, clock: DeadlineClock): string {
  const status = deadlineStatus(item, now, clock);
  if (!status) return '';
  const overdue = status.breached ? ` [${t('card.overdue')}]` : '';
  return `${t(status.deadline === 'response' ? 'list.respond_by' : 'list.resolve_by')} ${formatDue(status.dueAt, clock)}${overdue}`;
}
