// The closed loop on a warning card: Acknowledge (someone is on it), Assign (who owns the
// response) and Resolve with a note (what was done). Each is recorded in warning_events and
// updates the card in every warnings room; the answer names the refusal when it cannot apply.
import type { Deps } from '../deps.js';
import type { FormSpec } from '../../adapters/chat-adapter.js';
import { warningCard, WARNING_BUTTON_ACTIONS, type WarningAction } from '../../cards/warning-card.js';
import type { Card } from '../../cards/card.js';
import { getAgent } from '../agents-repo.js';
import { maskText } from '../privacy/mask.js';
import type { Agent } from '../domain/types.js';
import { enqueueMessages, getWarning, updateMessages, warningEvent } from './warnings-repo.js';
import { warningPeople } from './deliver-warning.js';
import { warningIdOf, warningShortId, type Warning } from './warning.js';
import { warningActionOf } from '../../cards/warning-card.js';

export type WarningOutcome = { ok: true; warning: Warning } | { ok: false; status: 404 | 409 | 422; text: string; field?: string };

const NOTE_MAX = 1000;

export async function handleWarningAction(deps: Deps, o: { actorId: string; warningId: number; action: WarningAction; input: Record<string, string> }): Promise<WarningOutcome> {
  const { t } = deps;
  const id = warningShortId(o.warningId);
  const now = deps.clock.now();
  const refusal = await deps.db.transaction().execute(async (trx): Promise<WarningOutcome | null> => {
    const w = await trx.selectFrom('warnings').selectAll().where('id', '=', o.warningId).forUpdate().executeTakeFirst();
    if (!w) return { ok: false, status: 404, text: t('warning.unknown', { id }) };
    const nameOf = async (agentId: string | null) => (agentId ? (await getAgent(trx, agentId))?.name ?? agentId : '');
    if (w.status === 'resolved') return { ok: false, status: 409, text: t('warning.refused.resolved', { id, name: await nameOf(w.resolved_by) }) };
    let change: Record<string, unknown>;
    let data: Record<string, unknown> = {};
    if (o.action === 'acknowledge' || o.action === 'assign') {
      if (w.ended_at) return { ok: false, status: 409, text: t('warning.refused.ended', { id }) };
    }
    if (o.action === 'acknowledge') {
      if (w.acknowledged_by) return { ok: false, status: 409, text: t('warning.refused.acknowledged', { id, name: await nameOf(w.acknowledged_by) }) };
      change = { status: 'acknowledged', acknowledged_by: o.actorId, acknowledged_at: now };
    } else if (o.action === 'assign') {
      const assignee = (o.input.assignee ?? '').trim();
      if (!assignee) return { ok: false, status: 422, text: t('warning.refused.assignee_required'), field: 'assignee' };
      const agent = await getAgent(trx, assignee);
      if (!agent) return { ok: false, status: 422, text: t('warning.refused.unknown_agent', { id: assignee }), field: 'assignee' };
      // Naming an owner is a response too: an open warning counts as acknowledged by whoever assigned it.
      change = { assignee_id: agent.id, assigned_at: now, ...(w.acknowledged_by ? {} : { status: 'acknowledged', acknowledged_by: o.actorId, acknowledged_at: now }) };
      data = { assignee: agent.id };
    } else {
      const note = maskText((o.input.note ?? o.input.text ?? '').trim()).slice(0, NOTE_MAX);
      if (!note) return { ok: false, status: 422, text: t('warning.refused.note_required'), field: 'note' };
      change = { status: 'resolved', resolved_by: o.actorId, resolved_at: now, resolution_note: note };
      data = { note };
    }
    const updated = await trx.updateTable('warnings').set({ ...change, version: w.version + 1 }).where('id', '=', w.id).returning('version').executeTakeFirstOrThrow();
    await warningEvent(trx, w.id, eventType(o.action), o.actorId, data, now);
    const rooms = (await deps.channels.list()).filter((c) => c.purpose === 'warnings');
    await enqueueMessages(trx, updateMessages(w.id, updated.version, rooms));
    return null;
  });
  if (refusal) return refusal;
  deps.outbox.kick();
  return { ok: true, warning: (await getWarning(deps.db, o.warningId))! };
}

function eventType(action: WarningAction): string {
  return action === 'acknowledge' ? 'acknowledged' : action === 'assign' ? 'assigned' : 'resolved';
}

/** The form Assign and Resolve ask for (Slack's modal, WeCom's prompt), refused early when it cannot apply. */
export async function warningForm(deps: Deps, _actor: Agent, warningId: number, action: WarningAction): Promise<{ ok: true; spec: FormSpec } | { ok: false; text: string }> {
  const { t } = deps;
  const w = await getWarning(deps.db, warningId);
  if (!w) return { ok: false, text: t('warning.unknown', { id: warningShortId(warningId) }) };
  if (w.resolved) return { ok: false, text: t('warning.refused.resolved', { id: w.shortId, name: w.resolved.name }) };
  if (action !== 'resolve' && w.endedAt) return { ok: false, text: t('warning.refused.ended', { id: w.shortId }) };
  const card = await cardFor(deps, w, false);
  const button = card.body.flatMap((n) => (n.type === 'actions' ? n.buttons : [])).find((b) => b.action === WARNING_BUTTON_ACTIONS[action]);
  const label = t(`warning.button.${action}`);
  return { ok: true, spec: { itemId: card.itemId!, action: WARNING_BUTTON_ACTIONS[action], title: t('warning.form.title', { action: label, id: w.shortId }), submitLabel: label, inputs: button?.inputs ?? [] } };
}

/** The warning's card as a room shows it now. */
export async function cardFor(deps: Deps, w: Warning, readOnly: boolean): Promise<Card> {
  return warningCard(w, deps.t, { readOnly, timeZone: deps.config.jobs.timeZone, people: await warningPeople(deps.db) });
}

/** The local chat's action endpoint: a warning target is handled here, anything else is not (undefined). */
export async function localWarningAction(deps: Deps, actorId: string, target: string, action: string, input: Record<string, unknown> | undefined): Promise<WarningOutcome | undefined> {
  const warningId = warningIdOf(target);
  if (warningId === null) return undefined;
  const warningAction = warningActionOf(action);
  if (!warningAction) return { ok: false, status: 422, text: deps.t('warning.refused.action') };
  if (!(await getAgent(deps.db, actorId))) return { ok: false, status: 404, text: deps.t('error.unknown_actor') };
  const text = Object.fromEntries(Object.entries(input ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return handleWarningAction(deps, { actorId, warningId, action: warningAction, input: text });
}
