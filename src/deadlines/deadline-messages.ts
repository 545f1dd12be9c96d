// The chat messages of one deadline step. Pure: the caller passes the routed channels.
// Reminders and breaches go to the item's own rooms, naming the assignee (or asking someone to
// claim it); each escalation step pings that role in the escalation rooms and posts the card there.
import { formatDue, durationParams } from '../../cards/deadline-text.js';
import type { DeadlineClock } from '../domain/business-time.js';
import type { DueStep } from '../domain/deadline-steps.js';
import { stepName } from '../domain/deadline-steps.js';
import type { FeedbackItem } from '../domain/types.js';
import { catalogue } from '../i18n/catalogue.js';
import { perLanguage } from '../i18n/per-language.js';
import type { Translate } from '../i18n/translate.js';
import type { OutboxMessage } from '../outbox/outbox-message.js';
import { routeItem, type RoutedChannel } from '../routing.js';

export function messagesForStep(
  item: FeedbackItem, step: DueStep, cycle: number, channels: RoutedChannel[], t: Translate, clock: DeadlineClock,
): OutboxMessage[] {
  const key = `deadline:${item.id}:c${cycle}:${step.deadline}:${stepName(step)}`;
  const params = { id: item.shortId, name: item.assignee?.name ?? '', time: formatDue(step.dueAt, clock), ...perLanguage('deadline.kind', step.deadline) };
  const pingAssignee = item.assignee ? { pingAgents: [item.assignee.id] } : {};
  const messages: OutboxMessage[] = [];
  const rooms = routeItem(item, channels, 'intake');
  const escalationRooms = routeItem(item, channels, 'escalation');
  const cardIn = (c: RoutedChannel, kind: 'card.post' | 'card.update', variant: 'feedback' | 'escalation') => ({
    idempotencyKey: `${key}:${kind}:${c.platform}:${c.chatId}`, platform: c.platform, chatId: c.chatId, itemId: item.id,
    payload: { kind, itemId: item.id, variant, readOnly: c.readOnly },
  });
  const textIn = (c: RoutedChannel, text: string, extra: { pingAgents?: string[]; ping?: ('supervisor' | 'manager' | 'admin')[] }) => ({
    idempotencyKey: `${key}:text:${c.platform}:${c.chatId}`, platform: c.platform, chatId: c.chatId, itemId: item.id,
    payload: { kind: 'text' as const, text, ...extra },
  });
  switch (step.kind) {
    case 'reminder': {
      const text = t(item.assignee ? 'deadline.remind_assignee' : 'deadline.remind_unclaimed', { ...params, ...durationParams('left', step.minutesLeft, clock) });
      for (const c of rooms) messages.push(textIn(c, text, pingAssignee), cardIn(c, 'card.update', 'feedback'));
      break;
    }
    case 'breached': {
      const text = t(item.assignee ? 'deadline.breached_assignee' : 'deadline.breached_unclaimed', params);
      for (const c of rooms) messages.push(textIn(c, text, pingAssignee), cardIn(c, 'card.update', 'feedback'));
      // An escalation room showing the item turns its card red too (nothing is sent where it has none).
      for (const c of escalationRooms) messages.push(cardIn(c, 'card.update', 'escalation'));
      break;
    }
    case 'escalate': {
      const text = t('deadline.escalate', {
        ...params, level: step.level,
        // Filled per language: a bilingual "未认领 / unassigned" would garble both halves.
        ...(item.assignee ? { name_zh: item.assignee.name, name_en: item.assignee.name } : { name_zh: catalogue['card.unassigned'].zh, name_en: catalogue['card.unassigned'].en }),
        ...durationParams('over', step.minutesOver, clock), ...perLanguage('role', step.role),
      });
      for (const c of escalationRooms) messages.push(textIn(c, text, { ping: [step.role] }), cardIn(c, 'card.post', 'escalation'));
      break;
    }
  }
  return messages;
}
