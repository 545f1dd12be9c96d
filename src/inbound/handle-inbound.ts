// What the core does after a chat adapter has verified and translated a request: drop platform
// retries by event id, map the platform user to one agent, then act or answer the command.
import type { Inbound, Platform } from '../../adapters/chat-adapter.js';
import type { Reply } from '../../commands/command.js';
import { runCommand } from '../../commands/run-command.js';
import type { Deps } from '../deps.js';
import { handleAction, type ActionOutcome } from '../items/handle-action.js';
import { findAgentByIdentity } from '../agents-repo.js';

export type InboundAnswer =
  | { kind: 'handshake'; body: unknown }
  | { kind: 'ignored'; reason: string }
  | { kind: 'duplicate' }
  | { kind: 'unknown_user'; text: string }
  | { kind: 'action'; outcome: ActionOutcome }
  | { kind: 'command'; reply: Reply };

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
    const agent = await findAgentByIdentity(deps.db, platform, inbound.actor.userId);
    if (!agent) return { kind: 'unknown_user', text: deps.t('error.unlinked_user') };
    if (inbound.kind === 'command') return { kind: 'command', reply: await runCommand(deps, agent, inbound.text) };
    return { kind: 'action', outcome: await handleAction(deps, { actorId: agent.id, itemId: inbound.itemId, action: inbound.action, input: inbound.input }) };
  } catch (error) {
    await deps.db.deleteFrom('inbound_events').where('platform', '=', platform).where('event_id', '=', inbound.eventId).execute();
    throw error;
  }
}
