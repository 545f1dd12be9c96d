// Replies go back to the customer through the channel they came from. Until a source has its own
// adapter, a configured REPLY_WEBHOOK_URL receives them; without one the reply is recorded on the
// item and marked so, never silently dropped. A reply is signed in its own context (and with
// REPLY_WEBHOOK_SECRET when set), so a captured reply can never be replayed into intake.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { PlatformError } from '../../adapters/chat-adapter.js';
import { signReplyBody } from '../intake/signature.js';

export interface ReplySender { send(replyId: number): Promise<void> }

export function createReplySender(o: { db: Kysely<Database>; webhookUrl?: string; secret: string; now: () => Date }): ReplySender {
  return {
    async send(replyId) {
      const reply = await o.db.selectFrom('replies')
        .innerJoin('feedback', 'feedback.id', 'replies.feedback_id')
        .innerJoin('agents', 'agents.id', 'replies.agent_id')
        .select(['replies.id', 'replies.text', 'replies.channel', 'replies.status', 'feedback.id as item_id', 'feedback.source',
          'feedback.external_id', 'feedback.customer_id', 'agents.name as agent_name'])
        .where('replies.id', '=', replyId).executeTakeFirst();
      if (!reply || reply.status === 'sent' || reply.status === 'recorded') return;
      if (!o.webhookUrl) {
        await o.db.updateTable('replies').set({ status: 'recorded' }).where('id', '=', replyId).execute();
        return;
      }
      const body = JSON.stringify({
        reply_id: reply.id, item_id: reply.item_id, source: reply.source, channel: reply.channel,
        external_id: reply.external_id, customer_id: reply.customer_id, agent_name: reply.agent_name, text: reply.text,
      });
      const headers = { 'content-type': 'application/json', 'idempotency-key': `reply:${reply.id}`, ...signReplyBody(body, o.secret, o.now()) };
      let response: Response;
      try {
        response = await fetch(o.webhookUrl, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
      } catch (error) {
        throw new PlatformError('local', 'unreachable', `reply webhook unreachable: ${(error as Error).message}`, undefined, { cause: error });
      }
      if (response.status === 429) throw new PlatformError('local', 'rate_limited', 'reply webhook rate limited', retryAfter(response));
      if (response.status >= 400 && response.status < 500) throw new PlatformError('local', 'rejected', `reply webhook answered ${response.status}`);
      if (!response.ok) throw new PlatformError('local', 'unreachable', `reply webhook answered ${response.status}`);
      await o.db.updateTable('replies').set({ status: 'sent' }).where('id', '=', replyId).execute();
    },
  };
}

function retryAfter(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
