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
    /**
     * Honours the idempotency key: a send repeated with the same key (a crash after the message was
     * stored but before the worker recorded it) answers the message already sent, never a second one.
     */
    async send(chat: ChatRef, message: OutboundMessage, idempotencyKey: string): Promise<SentRef> {
      if (!LOCAL_ROOMS.some((r) => r.chatId === chat.chatId)) throw new PlatformError('local', 'rejected', `no local room ${chat.chatId}`);
      const inserted = await db.insertInto('local_messages')
        .values({ room: chat.chatId, body: JSON.stringify(renderLocal(message)), idempotency_key: idempotencyKey })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .returningAll().executeTakeFirst();
      if (inserted) bus.publish({ type: 'message.created', message: localRowToMessage(inserted) });
      const row = inserted ?? await db.selectFrom('local_messages').select(['id', 'room'])
        .where('idempotency_key', '=', idempotencyKey).executeTakeFirstOrThrow();
      if (row.room !== chat.chatId) throw new PlatformError('local', 'rejected', `idempotency key ${idempotencyKey} was used in room ${row.room}`);
      return { platform: 'local', chatId: chat.chatId, messageRef: String(row.id) };
    },
    /** Like send, for a run of one room's messages: a key already used answers its stored message. */
    async sendMany(chat: ChatRef, messages: { message: OutboundMessage; idempotencyKey: string }[]): Promise<SentRef[]> {
      if (!LOCAL_ROOMS.some((r) => r.chatId === chat.chatId)) throw new PlatformError('local', 'rejected', `no local room ${chat.chatId}`);
      // One INSERT: its rows take their ids in the order of the VALUES list, so the room shows them in order.
      const inserted = await db.insertInto('local_messages')
        .values(messages.map((m) => ({ room: chat.chatId, body: JSON.stringify(renderLocal(m.message)), idempotency_key: m.idempotencyKey })))
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .returningAll().execute();
      inserted.sort((a, b) => a.id - b.id);
      for (const row of inserted) bus.publish({ type: 'message.created', message: localRowToMessage(row) });
      const byKey = new Map(inserted.map((row) => [row.idempotency_key!, { id: row.id, room: row.room }]));
      const repeated = messages.map((m) => m.idempotencyKey).filter((key) => !byKey.has(key));
      if (repeated.length > 0) {
        const earlier = await db.selectFrom('local_messages').select(['id', 'room', 'idempotency_key'])
          .where('idempotency_key', 'in', repeated).execute();
        for (const row of earlier) byKey.set(row.idempotency_key!, { id: row.id, room: row.room });
      }
      return messages.map(({ idempotencyKey }) => {
        const row = byKey.get(idempotencyKey)!;
        if (row.room !== chat.chatId) throw new PlatformError('local', 'rejected', `idempotency key ${idempotencyKey} was used in room ${row.room}`);
        return { platform: 'local', chatId: chat.chatId, messageRef: String(row.id) };
      });
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
  if ('card' in message) return { kind: 'card', card: message.card, readOnly: message.readOnly };
  // The page has no notifications: the people pinged are named at the end, as @name.
  const named = (message.mentions ?? []).map((m) => `@${m.name ?? m.userId}`).join(' ');
  return { kind: 'text', text: named ? `${message.text} ${named}` : message.text };
}
