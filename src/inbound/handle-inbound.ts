// What the core does after a chat adapter has verified and translated a request: drop platform
// retries by event id, map the platform user to one agent (creating it on first use where the
// platform can say who they are), then act, open a form, record a thread note or run the command.
import type { ChatAdapter, ChatRef, CommandInbound, Inbound, InboundAnswer, Platform, PlatformUser } from '../../adapters/chat-adapter.js';
import { attachmentUrlsFor } from '../attachments/attachment-links.js';
import { keepThreadPicture } from '../attachments/thread-picture.js';
import type { Card } from '../../cards/card.js';
import { feedbackCard } from '../../cards/feedback-card.js';
import { runCommand } from '../../commands/run-command.js';
import type { Deps } from '../deps.js';
import type { Agent, FeedbackItem } from '../domain/types.js';
import { handleAction, type ActionOutcome } from '../items/handle-action.js';
import { findAgentByIdentity, linkIdentity, upsertAgent } from '../agents-repo.js';
import { formFor } from './form-for.js';
import { answerWarningInbound } from '../warnings/warning-inbound.js';
import { templatesOf } from '../reply-templates.js';

export type { InboundAnswer } from '../../adapters/chat-adapter.js';

/**
 * Slack re-sends after 3 s, Feishu and WeCom likewise: the first delivery of an event id does the
 * work, later ones are no-ops. If the work throws, the id is released so the next retry can do it.
 */
export async function handleInbound(deps: Deps, platform: Platform, inbound: Inbound): Promise<InboundAnswer> {
  if (inbound.kind === 'handshake') return { kind: 'handshake', body: inbound.body };
  if (inbound.kind === 'ignored') return { kind: 'ignored', reason: inbound.reason };
  const first = await deps.db.insertInto('inbound_events').values({ platform, event_id: inbound.eventId })
    .onConflict((oc) => oc.columns(['platform', 'event_id']).doNothing()).returning('event_id').executeTakeFirst();
  if (!first) return { kind: 'duplicate' };
  try {
    const adapter = deps.adapters.get(platform);
    const agent = await agentFor(deps, adapter, inbound.actor);
    if (!agent) return { kind: 'unknown_user', text: deps.t('error.unlinked_user') };
    const command = async (c: CommandInbound): Promise<InboundAnswer> => ({
      kind: 'command',
      reply: await runCommand(deps, agent, c.text, { chat: c.chat, mentions: c.mentions ?? [], agentFor: (user) => agentFor(deps, adapter, user) }),
    });
    switch (inbound.kind) {
      case 'command': return command(inbound);
      case 'form': {
        const warning = await answerWarningInbound(deps, adapter, agent, inbound);
        if (warning) return warning;
        const form = await formFor(deps, agent, inbound.itemId, inbound.action);
        if (!form.ok) return { kind: 'refused', text: form.text };
        if (!adapter?.openForm) return { kind: 'refused', text: deps.t('error.bad_action_input', { field: form.spec.inputs[0]?.name ?? 'input' }) };
        await adapter.openForm(inbound.origin, form.spec);
        return { kind: 'form_opened' };
      }
      case 'thread': {
        const card = await deps.db.selectFrom('card_messages').select('feedback_id')
          .where('platform', '=', platform).where('chat_id', '=', inbound.chat.chatId).where('message_ref', '=', inbound.messageRef)
          .executeTakeFirst();
        if (!card) return inbound.otherwise ? command(inbound.otherwise) : { kind: 'ignored', reason: 'not a card thread' };
        if (inbound.picture) {
          // Kept first, so the card update the note causes already shows it; a refused note takes it away again.
          const kept = await keepThreadPicture(deps, adapter, card.feedback_id, inbound.picture);
          if (!kept.ok) return { kind: 'refused', text: kept.text };
          const noted = await handleAction(deps, { actorId: agent.id, itemId: card.feedback_id, action: 'note', input: { text: deps.t('note.picture', { name: kept.name }) } });
          if (!noted.ok) await deps.db.deleteFrom('attachments').where('id', '=', kept.id).execute();
          return answerFor(noted);
        }
        return answerFor(await handleAction(deps, { actorId: agent.id, itemId: card.feedback_id, action: 'note', input: { text: inbound.text } }));
      }
      case 'action': {
        const warning = await answerWarningInbound(deps, adapter, agent, inbound);
        if (warning) return warning;
        const outcome = await handleAction(deps, { actorId: agent.id, itemId: inbound.itemId, action: inbound.action, input: inbound.input });
        return outcome.ok ? { kind: 'done', card: await cardNow(deps, outcome.item, inbound.origin?.chat) } : answerFor(outcome);
      }
    }
  } catch (error) {
    await deps.db.deleteFrom('inbound_events').where('platform', '=', platform).where('event_id', '=', inbound.eventId).execute();
    throw error;
  }
}

/** The clicked card as its room shows it after the action (escalation rooms have their own title, read-only rooms no buttons). */
async function cardNow(deps: Deps, item: FeedbackItem, chat: ChatRef | undefined): Promise<Card> {
  const rooms = chat ? (await deps.channels.list()).filter((c) => c.platform === chat.platform && c.chatId === chat.chatId) : [];
  const escalation = rooms.length > 0 && rooms.every((c) => c.purpose === 'escalation');
  const readOnly = rooms.length > 0 && rooms.every((c) => c.readOnly);
  return feedbackCard(item, deps.t, {
    readOnly, variant: escalation ? 'escalation' : 'feedback', now: deps.clock.now(), replyTemplates: templatesOf(deps), clock: deps.config.deadlines.clock,
    attachmentUrl: attachmentUrlsFor(deps, chat?.platform),
  });
}

function answerFor(outcome: ActionOutcome): InboundAnswer {
  if (outcome.ok) return { kind: 'done' };
  const field = outcome.refusal?.code === 'input_required' ? outcome.refusal.field : outcome.field;
  return { kind: 'refused', text: outcome.message, ...(field ? { field } : {}) };
}

/**
 * The agent a platform user acts as. Someone new, on a platform that can say who they are,
 * becomes an agent on first use (an admin when the platform's settings name them so), so nobody
 * is turned away as "unlinked".
 */
async function agentFor(deps: Deps, adapter: ChatAdapter | undefined, user: PlatformUser): Promise<Agent | undefined> {
  const known = await findAgentByIdentity(deps.db, user.platform, user.userId);
  if (known || !adapter?.identify) return known;
  const who = await adapter.identify(user);
  const agent: Agent = { id: `${user.platform}:${user.userId}`, name: who.name, role: who.role };
  await upsertAgent(deps.db, agent);
  await linkIdentity(deps.db, user.platform, user.userId, agent.id);
  deps.log.info({ platform: user.platform, agent: agent.id, role: agent.role }, 'new agent on first use');
  return agent;
}
