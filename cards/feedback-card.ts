// The feedback card: what an agent needs to act on an item, and the buttons allowed now.
import { allowedActions } from '../src/domain/item-lifecycle.js';
import { labelOf } from '../src/domain/refusal-text.js';
import { RESOLUTION_CODES, type ActionName, type AttachmentRef, type FeedbackItem } from '../src/domain/types.js';
import type { Translate } from '../src/i18n/translate.js';
import { WALL_CLOCK, type DeadlineClock } from '../src/domain/business-time.js';
import { deadlineStatus, type DeadlineStatus } from '../src/domain/deadline-status.js';
import { perLanguage } from '../src/i18n/per-language.js';
import type { Card, CardButton, CardField, CardInput, CardNode } from './card.js';
import { deadlineText, durationParams } from './deadline-text.js';
import { isPicture, sizeText } from '../src/attachments/attachment-kind.js';

export interface FeedbackCardOptions {
  readOnly: boolean; variant: 'feedback' | 'escalation'; now: Date;
  /** Business hours and holidays, so the time left is working time; round the clock without. */
  clock?: DeadlineClock;
  /** Offered in the Reply form; with them the reply text may be left empty. */
  replyTemplates?: { id: string; name: string }[];
  /** Where this card's reader can load an attachment ('' or absent: nowhere, the picture is named). */
  attachmentUrl?: (attachment: AttachmentRef) => string;
}

/** Pictures drawn on a card; the rest are counted, so a card stays a card. */
export const CARD_PICTURES = 3;

export function feedbackCard(item: FeedbackItem, t: Translate, options: FeedbackCardOptions): Card {
  const buttons = options.readOnly ? [] : allowedActions(item, null).map((a) => buttonFor(item, a, t, options.replyTemplates ?? []));
  const clock = options.clock ?? WALL_CLOCK;
  const status = deadlineStatus(item, options.now, clock);
  // A missed deadline turns the card red, with a line saying which and by how much.
  const breach: CardNode[] = status?.breached
    ? [{ type: 'text', text: t('deadline.banner', { ...perLanguage('deadline.kind', status.deadline), ...durationParams('over', -status.minutesLeft, clock) }) }]
    : [];
  return {
    title: t(options.variant === 'escalation' ? 'card.escalation.title' : 'card.feedback.title', { id: item.shortId }),
    itemId: item.id,
    tone: item.priority === 'urgent' || item.state === 'escalated' || status?.breached ? 'danger' : 'info',
    body: [
      ...breach,
      ...(item.angry ? [{ type: 'text' as const, text: t('card.angry') }] : []),
      { type: 'text', text: item.maskedText },
      ...attachmentNodes(item.attachments ?? [], t, options.attachmentUrl),
      { type: 'fields', fields: fieldsFor(item, t, status, clock) },
      ...(buttons.length > 0 ? [{ type: 'actions' as const, buttons }] : []),
      { type: 'context', text: `${t('card.context', { source: item.source, channel: item.channel })} · ${item.id}` },
    ],
    fallback: `${item.shortId} [${labelOf(t, 'priority', item.priority)}] ${labelOf(t, 'topic', item.topic)}: ${item.maskedText.slice(0, 80)}`,
  };
}

/** The first few pictures as images, a line counting the others, and a line naming each file. */
function attachmentNodes(attachments: AttachmentRef[], t: Translate, urlOf?: (a: AttachmentRef) => string): CardNode[] {
  const pictures = attachments.filter((a) => isPicture(a.contentType));
  const files = attachments.filter((a) => !isPicture(a.contentType));
  const nodes: CardNode[] = pictures.slice(0, CARD_PICTURES).map((a) => ({
    type: 'image', url: urlOf?.(a) ?? '', alt: t('card.picture', { name: a.name, size: sizeText(a.size) }),
    picture: { id: a.id, contentType: a.contentType, size: a.size },
  }));
  if (pictures.length > CARD_PICTURES) nodes.push({ type: 'context', text: t('card.more_pictures', { n: pictures.length - CARD_PICTURES }) });
  for (const f of files) nodes.push({ type: 'text', muted: true, text: t('card.file', { name: f.name, size: sizeText(f.size) }) });
  return nodes;
}

function fieldsFor(item: FeedbackItem, t: Translate, status: DeadlineStatus | null, clock: DeadlineClock): CardField[] {
  return [
    { label: t('field.priority'), value: labelOf(t, 'priority', item.priority) },
    { label: t('field.status'), value: labelOf(t, 'state', item.state) },
    // The next deadline is always shown while there is one; a finished item has none left to meet.
    ...(status ? [{ label: t('field.deadline'), value: deadlineText(status, t, clock) }] : []),
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

function buttonFor(item: FeedbackItem, action: ActionName, t: Translate, templates: { id: string; name: string }[]): CardButton {
  const style = action === 'claim' || action === 'reply' ? 'primary' : action === 'escalate' ? 'danger' : undefined;
  const inputs = inputsFor(action, t, templates);
  return { label: labelOf(t, 'action', action), action, itemId: item.id, ...(style ? { style } : {}), ...(inputs ? { inputs } : {}) };
}

function inputsFor(action: ActionName, t: Translate, templates: { id: string; name: string }[]): CardInput[] | undefined {
  switch (action) {
    case 'reply':
      if (templates.length === 0) return [{ name: 'text', label: t('input.reply'), kind: 'text', required: true }];
      // Text first: platforms that ask for one input at a time (WeCom) ask for the text.
      return [
        { name: 'text', label: t('input.reply'), kind: 'text', required: true, requiredUnless: 'template' },
        { name: 'template', label: t('input.template'), kind: 'select', required: false, options: templates.map((x) => ({ value: x.id, label: x.name })) },
      ];
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
