// The form a button asks for before its action (reply text, reason, resolution code), checked
// for permission first so nobody types a reply they are not allowed to send.
import type { FormSpec } from '../../adapters/chat-adapter.js';
import { feedbackCard } from '../../cards/feedback-card.js';
import type { Deps } from '../deps.js';
import { decide } from '../domain/item-lifecycle.js';
import { labelOf, refusalText } from '../domain/refusal-text.js';
import type { ActionName, Agent, ItemAction } from '../domain/types.js';
import { getItem } from '../items/items-repo.js';
import { templatesOf } from '../reply-templates.js';

export async function formFor(deps: Deps, actor: Agent, itemId: string, action: ActionName): Promise<{ ok: true; spec: FormSpec } | { ok: false; text: string }> {
  const { t } = deps;
  const item = await getItem(deps.db, itemId);
  if (!item) return { ok: false, text: t('error.unknown_item', { id: itemId }) };
  // Valid stand-in input: the state and permission checks run before the input check.
  const decision = decide(item, actor, standIn(action), deps.clock.now());
  if (!decision.ok) return { ok: false, text: refusalText(decision.refusal, t) };
  const card = feedbackCard(item, t, { readOnly: false, variant: 'feedback', now: deps.clock.now(), replyTemplates: templatesOf(deps), clock: deps.config.deadlines.clock });
  const button = card.body.flatMap((n) => (n.type === 'actions' ? n.buttons : [])).find((b) => b.action === action);
  return {
    ok: true,
    spec: { itemId, action, title: `${labelOf(t, 'action', action)} ${item.shortId}`, submitLabel: labelOf(t, 'action', action), inputs: button?.inputs ?? [] },
  };
}

function standIn(action: ActionName): ItemAction {
  switch (action) {
    case 'reply': case 'note': return { type: action, text: '-' };
    case 'escalate': return { type: 'escalate', reason: '-' };
    case 'resolve': case 'close': return { type: action, code: 'solved' };
    case 'reopen': return { type: 'reopen' };
    default: return { type: action };
  }
}
