// Clicks and forms on warning cards, whichever platform they came from: the target id says it is
// a warning, the item action token which of its buttons (cards/warning-card.ts).
import type { ChatAdapter, Inbound, InboundAnswer } from '../../adapters/chat-adapter.js';
import { warningActionOf } from '../../cards/warning-card.js';
import type { Deps } from '../deps.js';
import type { Agent } from '../domain/types.js';
import { cardFor, handleWarningAction, warningForm } from './warning-actions.js';
import { warningIdOf } from './warning.js';

/** The answer for a warning card's click or form, or undefined when the target is not a warning. */
export async function answerWarningInbound(deps: Deps, adapter: ChatAdapter | undefined, agent: Agent, inbound: Extract<Inbound, { kind: 'action' | 'form' }>): Promise<InboundAnswer | undefined> {
  const warningId = warningIdOf(inbound.itemId);
  if (warningId === null) return undefined;
  const action = warningActionOf(inbound.action);
  if (!action) return { kind: 'refused', text: deps.t('warning.refused.action') };
  if (inbound.kind === 'form') {
    const form = await warningForm(deps, agent, warningId, action);
    if (!form.ok) return { kind: 'refused', text: form.text };
    if (!adapter?.openForm) return { kind: 'refused', text: deps.t('error.bad_action_input', { field: form.spec.inputs[0]?.name ?? 'input' }) };
    await adapter.openForm(inbound.origin, form.spec);
    return { kind: 'form_opened' };
  }
  const outcome = await handleWarningAction(deps, { actorId: agent.id, warningId, action, input: inbound.input });
  if (!outcome.ok) return { kind: 'refused', text: outcome.text, ...(outcome.field ? { field: outcome.field } : {}) };
  const rooms = inbound.origin?.chat ? (await deps.channels.list()).filter((c) => c.platform === inbound.origin!.chat!.platform && c.chatId === inbound.origin!.chat!.chatId) : [];
  return { kind: 'done', card: await cardFor(deps, outcome.warning, rooms.length > 0 && rooms.every((c) => c.readOnly)) };
}
