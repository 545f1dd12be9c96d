// The embedded chat platform: "sending" stores the message in local_messages and streams it to
// open browser windows. The neutral card is its own rendering; the page draws it.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import type { ChatAdapter, ChatRef, OutboundMessage, SentRef } from '../chat-adapter.js';
import { PlatformError } from '../chat-adapter.js';
import type { LocalBus } from './bus.js';
import { localRowToMessage, type LocalBody } from './local-message.js';
import { LOCAL_ROOMS } from './rooms.js';

// The local chat is the bot's own table: nothing to protect, so it is not paced at all.
export const LOCAL_LIMITS = { perChatPerSecond: Infinity };

export function createLocalAdapter(db: Kysely<Database>, bus: LocalBus): ChatAdapter {
  return {
    platform: 'local',
    limits: LOCAL_LIMITS,
    async send(chat: ChatRef, message: OutboundMessage): Promise<SentRef> {
      if (!LOCAL_ROOMS.some((r) => r.chatId === chat.chatId)) throw new PlatformError('local', 'rejected', `no local room ${chat.chatId}`);
      const row = await db.insertInto('local_messages').values({ room: chat.chatId, body: JSON.stringify(renderLocal(message)) })
        .returningAll().executeTakeFirstOrThrow();
      bus.publish({ type: 'message.created', message: localRowToMessage(row) });
      return { platform: 'local', chatId: chat.chatId, messageRef: String(row.id) };
    },
    async sendMany(chat: ChatRef, messages: { message: OutboundMessage }[]): Promise<SentRef[]> {
      if (!LOCAL_ROOMS.some((r) => r.chatId === chat.chatId)) throw new PlatformError('local', 'rejected', `no local room ${chat.chatId}`);
      // One INSERT: its rows take their ids in the order of the VALUES list, so the room shows them in order.
      const rows = await db.insertInto('local_messages')
        .values(messages.map((m) => ({ room: chat.chatId, body: JSON.stringify(renderLocal(m.message)) })))
        .returningAll().execute();
      rows.sort((a, b) => a.id - b.id);
      for (const row of rows) bus.publish({ type: 'message.created', message: localRowToMessage(row) });
      return rows.map((row) => ({ platform: 'local', chatId: chat.chatId, messageRef: String(row.id) }));
    },
    async update(sent: SentRef, message: OutboundMessage): Promise<void> {
      const row = await db.updateTable('local_messages')
        .set({ body: JSON.stringify(renderLocal(message)), updated_at: sql<Date>`now()` })
        .where('id', '=', Number(sent.messageRef)).returningAll().executeTakeFirst();
      if (!row) throw new PlatformError('local', 'rejected', `local message ${sent.messageRef} is gone`);
      bus.publish({ type: 'message.updated', message: localRowToMessage(row) });
    },
  };
}

export function renderLocal(message: OutboundMessage): LocalBody {
  return 'card' in message ? { kind: 'card', card: message.card, readOnly: message.readOnly } : { kind: 'text', text: message.text };
}
