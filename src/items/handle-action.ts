// One entry for every platform's button press: check the input, decide, apply, or refuse.
import { z } from 'zod';
import type { Deps } from '../deps.js';
import { decide } from '../domain/item-lifecycle.js';
import { withDeadlineClock } from '../domain/deadline-clock.js';
import { refusalText } from '../domain/refusal-text.js';
import { RESOLUTION_CODES, type FeedbackItem, type ItemAction, type Refusal } from '../domain/types.js';
import { getAgent } from '../agents-repo.js';
import { maskText } from '../privacy/mask.js';
import { applyDecision } from './apply-decision.js';
import { getItem } from './items-repo.js';
import { templatesOf } from '../reply-templates.js';

const text = z.string().trim().min(1).max(4000);
const ActionInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('claim') }),
  z.object({ action: z.literal('wait') }),
  z.object({ action: z.literal('reply'), input: z.object({ text }) }),
  z.object({ action: z.literal('note'), input: z.object({ text }) }),
  z.object({ action: z.literal('escalate'), input: z.object({ reason: text }) }),
  z.object({ action: z.literal('resolve'), input: z.object({ code: z.enum(RESOLUTION_CODES) }) }),
  z.object({ action: z.literal('close'), input: z.object({ code: z.enum(RESOLUTION_CODES) }) }),
  z.object({ action: z.literal('reopen'), input: z.object({ reason: z.string().trim().max(4000).optional() }).optional() }),
]);

export type ActionOutcome =
  | { ok: true; item: FeedbackItem }
  | { ok: false; status: 400 | 403 | 404 | 409; code: string; message: string; refusal?: Refusal; field?: string };

/** Never throws for a person's mistake: an unknown actor, item or action, or a refusal, is a value. */
export async function handleAction(
  deps: Deps, request: { actorId: string; itemId: string; action: string; input?: unknown },
): Promise<ActionOutcome> {
  const { t } = deps;
  const actor = await getAgent(deps.db, request.actorId);
  if (!actor) return { ok: false, status: 403, code: 'unknown_actor', message: t('error.unknown_actor') };
  const input = withTemplate(deps, request.action, request.input ?? {});
  if (input === null) return { ok: false, status: 400, code: 'bad_input', message: t('error.bad_action_input', { field: 'template' }), field: 'template' };
  const parsed = ActionInput.safeParse({ action: request.action, input });
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.slice(1).join('.') || 'action';
    return { ok: false, status: 400, code: 'bad_input', message: t('error.bad_action_input', { field }), field };
  }
  const action = toItemAction(parsed.data);
  // A lost race re-reads the item and decides again, so the loser sees who won.
  for (let attempt = 0; attempt < 5; attempt++) {
    const item = await getItem(deps.db, request.itemId);
    if (!item) return { ok: false, status: 404, code: 'unknown_item', message: t('error.unknown_item', { id: request.itemId }) };
    // A supervisor's takeover works against any holder: after a lost race it must not take the
    // item from whoever just won it, so a changed holder ends the retry.
    const decision = attempt > 0 && action.type === 'claim' && item.assignee && item.assignee.id !== actor.id
      ? { ok: false as const, refusal: { code: 'already_claimed' as const, by: item.assignee } }
      : decide(item, actor, action, deps.clock.now());
    if (!decision.ok) return { ok: false, status: 409, code: decision.refusal.code, message: refusalText(decision.refusal, t), refusal: decision.refusal };
    decision.item = withDeadlineClock(item, decision.item, action.type, deps.clock.now(), deps.config.deadlines);
    const result = await applyDecision(deps.db, item, decision, t);
    if (result.applied) {
      deps.outbox.kick();
      return { ok: true, item: decision.item };
    }
  }
  return { ok: false, status: 409, code: 'busy', message: t('error.busy') };
}

/**
 * A Reply form may name a template: its text is sent when the reply was left empty (text the
 * agent wrote wins). Null when the template is not one this bot offers.
 */
function withTemplate(deps: Deps, action: string, input: unknown): unknown {
  if (action !== 'reply' || typeof input !== 'object' || input === null) return input;
  const { template, ...rest } = input as Record<string, unknown>;
  if (template === undefined || template === '') return rest;
  const chosen = templatesOf(deps).find((x) => x.id === template);
  if (!chosen) return null;
  return typeof rest.text === 'string' && rest.text.trim() !== '' ? rest : { ...rest, text: chosen.text };
}

// Agents' own words are masked too: a reply or note may quote a customer's number.
function toItemAction(input: z.infer<typeof ActionInput>): ItemAction {
  switch (input.action) {
    case 'claim': return { type: 'claim' };
    case 'wait': return { type: 'wait' };
    case 'reply': return { type: 'reply', text: maskText(input.input.text) };
    case 'note': return { type: 'note', text: maskText(input.input.text) };
    case 'escalate': return { type: 'escalate', reason: maskText(input.input.reason) };
    case 'resolve': return { type: 'resolve', code: input.input.code };
    case 'close': return { type: 'close', code: input.input.code };
    case 'reopen': return { type: 'reopen', ...(input.input?.reason ? { reason: maskText(input.input.reason) } : {}) };
  }
}
