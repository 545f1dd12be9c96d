// The feedback card: what an agent needs to act on an item, and the buttons allowed now.
import { allowedActions } from '../src/domain/item-lifecycle.js';
import { labelOf } from '../src/domain/refusal-text.js';
import { RESOLUTION_CODES, type ActionName, type FeedbackItem } from '../src/domain/types.js';
import type { Translate } from '../src/i18n/translate.js';
import type { Card, CardButton, CardField, CardInput } from './card.js';

export interface FeedbackCardOptions { readOnly: boolean; variant: 'feedback' | 'escalation'; now: Date }

export function feedbackCard(item: FeedbackItem, t: Translate, options: FeedbackCardOptions): Card {
  const buttons = options.readOnly ? [] : allowedActions(item, null).map((a) => buttonFor(item, a, t));
  const overdue = !item.firstResponseAt && item.state !== 'closed' && item.state !== 'resolved' && options.now > item.responseDueAt;
  return {
    title: t(options.variant === 'escalation' ? 'card.escalation.title' : 'card.feedback.title', { id: item.shortId }),
    itemId: item.id,
    tone: item.priority === 'urgent' || item.state === 'escalated' ? 'danger' : overdue ? 'warning' : 'info',
    body: [
      ...(item.angry ? [{ type: 'text' as const, text: t('card.angry') }] : []),
      { type: 'text', text: item.maskedText },
      { type: 'fields', fields: fieldsFor(item, t, overdue) },
      ...(buttons.length > 0 ? [{ type: 'actions' as const, buttons }] : []),
      { type: 'context', text: `${t('card.context', { source: item.source, channel: item.channel })} · ${item.id}` },
    ],
    fallback: `${item.shortId} [${labelOf(t, 'priority', item.priority)}] ${labelOf(t, 'topic', item.topic)}: ${item.maskedText.slice(0, 80)}`,
  };
}

function fieldsFor(item: FeedbackItem, t: Translate, overdue: boolean): CardField[] {
  const due = item.firstResponseAt ? item.resolveDueAt : item.responseDueAt;
  return [
    { label: t('field.priority'), value: labelOf(t, 'priority', item.priority) },
    { label: t('field.status'), value: labelOf(t, 'state', item.state) },
    // A finished item has no deadline left to meet.
    ...(item.state === 'resolved' || item.state === 'closed' ? [] : [{ label: t('field.deadline'), value: `${formatTime(due)}${overdue ? ` ${t('card.overdue')}` : ''}` }]),
    { label: t('field.kind'), value: labelOf(t, 'kind', item.kind) },
    { label: t('field.topic'), value: labelOf(t, 'topic', item.topic) },
    { label: t('field.sentiment'), value: `${labelOf(t, 'sentiment', item.sentiment)} (${item.score.toFixed(2)})` },
    { label: t('field.customer'), value: `${item.customerName ?? item.customerId} · ${labelOf(t, 'tier', item.tier)}` },
    { label: t('field.assignee'), value: item.assignee?.name ?? t('card.unassigned') },
    ...(item.resolution ? [{ label: t('field.resolution'), value: labelOf(t, 'resolution', item.resolution) }] : []),
    // Thread talk and Note stay internal; the count tells the room there is discussion to read (/fb show).
    ...(item.noteCount ? [{ label: t('field.notes'), value: String(item.noteCount) }] : []),
  ];
}

function buttonFor(item: FeedbackItem, action: ActionName, t: Translate): CardButton {
  const style = action === 'claim' || action === 'reply' ? 'primary' : action === 'escalate' ? 'danger' : undefined;
  const inputs = inputsFor(action, t);
  return { label: labelOf(t, 'action', action), action, itemId: item.id, ...(style ? { style } : {}), ...(inputs ? { inputs } : {}) };
}

function inputsFor(action: ActionName, t: Translate): CardInput[] | undefined {
  switch (action) {
    case 'reply': return [{ name: 'text', label: t('input.reply'), kind: 'text', required: true }];
    case 'note': return [{ name: 'text', label: t('input.note'), kind: 'text', required: true }];
    case 'escalate': return [{ name: 'reason', label: t('input.reason'), kind: 'text', required: true }];
    case 'reopen': return [{ name: 'reason', label: t('input.reopen_reason'), kind: 'text', required: false }];
    case 'resolve':
    case 'close':
      return [{ name: 'code', label: t('input.resolution'), kind: 'select', required: true,
        options: RESOLUTION_CODES.map((c) => ({ value: c, label: labelOf(t, 'resolution', c) })) }];
    default: return undefined;
  }
}

/** "2026-11-23 18:05" in the server's time zone: short enough for a card field. */
export function formatTime(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
