// Who gets a WeCom room's interactive cards as app messages (a WeCom room cannot hold one): the
// people linked to a WeCom user id whose role works that room's purpose. New feedback goes to
// every agent; escalations, warnings and digests to supervisors, managers and admins.
import type { Kysely } from 'kysely';
import type { ChatRef } from '../adapters/chat-adapter.js';
import type { Database } from './db/schema.js';

export function wecomRecipients(db: Kysely<Database>): (chat: ChatRef) => Promise<string[]> {
  return async (chat) => {
    const purposes = await db.selectFrom('chat_channels').select('purpose')
      .where('platform', '=', 'wecom').where('chat_id', '=', chat.chatId).execute();
    const everyone = purposes.length === 0 || purposes.some((p) => p.purpose === 'intake');
    let query = db.selectFrom('agent_identities').innerJoin('agents', 'agents.id', 'agent_identities.agent_id')
      .select('agent_identities.platform_user_id as userId').where('agent_identities.platform', '=', 'wecom');
    if (!everyone) query = query.where('agents.role', 'in', ['supervisor', 'manager', 'admin']);
    const rows = await query.orderBy('agent_identities.platform_user_id').execute();
    return rows.map((r) => r.userId);
  };
}
