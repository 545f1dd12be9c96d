// One sweep that owes a room many texts (after downtime, on the first sweep after an upgrade, or
// when a busy queue breaches in the same minute) sends that room one round-up listing them, with
// everyone the single texts would have pinged, instead of a burst of texts. Cards still change one
// by one: they are the part people act on.
import { formatDue } from '../../cards/deadline-text.js';
import type { DeadlineClock } from '../domain/business-time.js';
import type { DueStep } from '../domain/deadline-steps.js';
import type { FeedbackItem } from '../domain/types.js';
import { catalogue } from '../i18n/catalogue.js';
import { perLanguage } from '../i18n/per-language.js';
import type { Translate } from '../i18n/translate.js';
import type { OutboxMessage } from '../outbox/outbox-message.js';

/** More texts than this for one room in one sweep become a round-up. */
export const ROUNDUP_AFTER = 3;
/** Lines a round-up lists before "N more" (WeCom's text takes 2,048 bytes). */
const ROUNDUP_LINES = 8;

export interface StepMessages { item: FeedbackItem; step: DueStep; messages: OutboxMessage[] }

type TextPayload = Extract<OutboxMessage['payload'], { kind: 'text' }>;

/** The sweep's messages, where each room owed more than ROUNDUP_AFTER texts gets one round-up instead. */
export function withRoundUps(taken: StepMessages[], t: Translate, clock: DeadlineClock, sweptAt: Date): OutboxMessage[] {
  const textsPerRoom = new Map<string, { item: FeedbackItem; step: DueStep; payload: TextPayload }[]>();
  for (const { item, step, messages } of taken) {
    for (const m of messages) {
      if (m.payload.kind !== 'text') continue;
      const room = roomKey(m);
      textsPerRoom.set(room, [...(textsPerRoom.get(room) ?? []), { item, step, payload: m.payload }]);
    }
  }
  const crowded = new Set([...textsPerRoom].filter(([, texts]) => texts.length > ROUNDUP_AFTER).map(([room]) => room));
  const out = taken.flatMap((s) => s.messages).filter((m) => m.payload.kind !== 'text' || !crowded.has(roomKey(m)));
  for (const room of crowded) {
    const texts = textsPerRoom.get(room)!;
    const [platform, chatId] = JSON.parse(room) as [string, string];
    // One line per item and deadline: its furthest step (steps come in order, so the last one).
    const furthest = [...new Map(texts.map((x) => [`${x.item.id}:${x.step.deadline}`, x])).values()];
    const lines = furthest.slice(0, ROUNDUP_LINES).map(({ item, step }) => line(item, step, t, clock));
    if (furthest.length > ROUNDUP_LINES) lines.push(t('deadline.roundup_more', { count: furthest.length - ROUNDUP_LINES }));
    const ping = [...new Set(texts.flatMap((x) => x.payload.ping ?? []))];
    const pingAgents = [...new Set(texts.flatMap((x) => x.payload.pingAgents ?? []))];
    out.push({
      idempotencyKey: `deadline-roundup:${sweptAt.toISOString()}:${platform}:${chatId}`, platform, chatId,
      payload: { kind: 'text', text: [t('deadline.roundup', { count: furthest.length }), ...lines].join('\n'), ...(ping.length ? { ping } : {}), ...(pingAgents.length ? { pingAgents } : {}) },
    });
  }
  return out;
}

const roomKey = (m: OutboxMessage) => JSON.stringify([m.platform, m.chatId]);

function line(item: FeedbackItem, step: DueStep, t: Translate, clock: DeadlineClock): string {
  const holder = item.assignee
    ? { name_zh: item.assignee.name, name_en: item.assignee.name }
    : { name_zh: catalogue['card.unassigned'].zh, name_en: catalogue['card.unassigned'].en };
  const params = { id: item.shortId, time: formatDue(step.dueAt, clock), ...perLanguage('deadline.kind', step.deadline), ...holder };
  if (step.kind === 'escalate') return t('deadline.roundup_line.escalate', { ...params, level: step.level, ...perLanguage('role', step.role) });
  return t(step.kind === 'reminder' ? 'deadline.roundup_line.reminder' : 'deadline.roundup_line.breached', params);
}
