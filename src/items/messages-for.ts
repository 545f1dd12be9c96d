// Which outgoing messages a decision causes. Pure: the caller passes the routed channels.
import type { FeedbackItem, ItemEvent } from '../domain/types.js';
import type { OutboxMessage } from '../outbox/outbox-message.js';
import { routeItem, type Routable, type RoutedChannel } from '../routing.js';
import type { Translate } from '../i18n/translate.js';

/** Cards for a new item: one per routed intake room. */
export function messagesForNewItem(item: Routable & Pick<FeedbackItem, 'id'>, channels: RoutedChannel[]): OutboxMessage[] {
  return routeItem(item, channels, 'intake').map((c) => ({
    idempotencyKey: `item:${item.id}:post:${c.platform}:${c.chatId}`,
    platform: c.platform, chatId: c.chatId, itemId: item.id,
    payload: { kind: 'card.post', itemId: item.id, variant: 'feedback', readOnly: c.readOnly },
  }));
}

/**
 * After a decision: every room that shows the item gets its card updated in place; an escalation
 * also posts the item to the escalation rooms with a ping for the supervisors.
 */
export function messagesForDecision(
  item: FeedbackItem, events: ItemEvent[], channels: RoutedChannel[], shownIn: { platform: string; chatId: string }[], t: Translate,
): OutboxMessage[] {
  const key = `item:${item.id}:v${item.version}`;
  const messages: OutboxMessage[] = routeItem(item, channels, 'intake').map((c) => ({
    idempotencyKey: `${key}:update:${c.platform}:${c.chatId}`,
    platform: c.platform, chatId: c.chatId, itemId: item.id,
    payload: { kind: 'card.update', itemId: item.id, variant: 'feedback', readOnly: c.readOnly },
  }));
  const escalation = events.find((e) => e.type === 'escalated');
  for (const c of routeItem(item, channels, 'escalation')) {
    const hasCard = shownIn.some((s) => s.platform === c.platform && s.chatId === c.chatId);
    if (!escalation && !hasCard) continue;
    if (escalation) {
      messages.push({
        idempotencyKey: `${key}:ping:${c.platform}:${c.chatId}`,
        platform: c.platform, chatId: c.chatId, itemId: item.id,
        payload: { kind: 'text', text: t('escalation.ping', { id: item.shortId, name: escalation.by.name, reason: escalation.reason }), ping: ['supervisor'] },
      });
    }
    // The escalation room keeps its card of the item current too, once it has one.
    messages.push({
      idempotencyKey: `${key}:${escalation ? 'post' : 'update'}:${c.platform}:${c.chatId}`,
      platform: c.platform, chatId: c.chatId, itemId: item.id,
      payload: { kind: escalation ? 'card.post' : 'card.update', itemId: item.id, variant: 'escalation', readOnly: c.readOnly },
    });
  }
  return messages;
}
