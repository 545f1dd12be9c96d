// The item lifecycle as plain functions: new → claimed → waiting_customer → escalated →
// resolved → closed, and reopen. Given an item, an actor and an action, `decide` returns the
// next item and the audit events, or a typed refusal. No I/O, clock or randomness: the caller
// passes `now`, stores the result under an optimistic lock on `version`, and words refusals
// with `refusalText`.
//
// Checks run in a fixed order, so a refusal always names the most useful reason:
//   1. state      — the action does not exist in this state (a stale card button, mostly);
//   2. permission — the action exists, but not for this actor;
//   3. input      — text, reason or resolution code missing.
// Permission comes before input so that a platform can ask `allowedActions` (or decide with a
// placeholder) before opening a reply or escalation form, and never collects text for nothing.
import {
  ACTION_NAMES,
  RESOLUTION_CODES,
  ROLES,
  type ActionName,
  type Agent,
  type AgentRef,
  type Decision,
  type FeedbackItem,
  type ItemAction,
  type ItemEvent,
  type ItemState,
  type Refusal,
  type Role,
} from './types.js';

/**
 * Decides what `actor` doing `action` on `item` at `now` leads to.
 *
 * An ok decision carries a new item object (the input is never mutated) whose `version` is
 * `item.version + 1` — notes included, so every card showing the item refreshes — and exactly one
 * event stamped with the actor's `{ id, name }` and `now`. A refused action is a value, never a
 * throw; only an action type outside `ItemAction` (a decoding bug upstream) throws a TypeError.
 */
export function decide(item: FeedbackItem, actor: Agent, action: ItemAction, now: Date): Decision {
  const refusal = gate(item, actor, action.type) ?? missingInput(action);
  if (refusal) return { ok: false, refusal };
  return { ok: true, ...apply(item, actor, action, now) };
}

/**
 * The actions whose buttons a card should show to `actor`, in `ACTION_NAMES` order: exactly those
 * for which `decide` with valid input returns ok. With `actor` null (a card shared by a whole
 * group), the actions at least one possible viewer could take — the assignee, another agent, a
 * supervisor or an admin — since `decide` still refuses, with a clear reason, anyone else who clicks.
 */
export function allowedActions(item: FeedbackItem, actor: Agent | null): ActionName[] {
  const viewers = actor ? [actor] : possibleViewers(item);
  return ACTION_NAMES.filter((name) => viewers.some((viewer) => gate(item, viewer, name) === null));
}

/** State and permission checks shared by `decide` and `allowedActions`, so the two cannot drift. */
function gate(item: FeedbackItem, actor: Agent, name: ActionName): Refusal | null {
  const wrongState: Refusal = { code: 'not_in_state', state: item.state, action: name };
  switch (name) {
    case 'claim':
      return claimGate(item, actor, wrongState);
    case 'reply':
      // Replying to a `new` item is refused on purpose: whoever answers the customer owns the item,
      // so claim first.
      return inStates(item, 'claimed', 'waiting_customer', 'escalated') ? holderGate(item, actor, name) : wrongState;
    case 'note':
      // Notes are internal and harmless, so anyone may add one until the item is closed for good.
      return item.state === 'closed' ? wrongState : null;
    case 'wait':
      return item.state === 'claimed' ? holderGate(item, actor, name) : wrongState;
    case 'escalate':
      if (!inStates(item, 'new', 'claimed', 'waiting_customer')) return wrongState;
      // An unowned item may be escalated by whoever spots the problem first.
      return item.assignee === null ? null : holderGate(item, actor, name);
    case 'resolve':
      if (inStates(item, 'claimed', 'waiting_customer')) return holderGate(item, actor, name);
      return item.state === 'escalated' ? supervisorGate(item, actor, name) : wrongState;
    case 'close':
      if (inStates(item, 'claimed', 'waiting_customer')) return holderGate(item, actor, name);
      // Closing a resolved item is housekeeping any agent may do.
      if (item.state === 'resolved') return null;
      return item.state === 'escalated' ? supervisorGate(item, actor, name) : wrongState;
    case 'reopen':
      // A customer writing back after resolution must not wait for the right person: anyone reopens.
      return inStates(item, 'resolved', 'closed') ? null : wrongState;
    default:
      return unknownAction(name);
  }
}

/**
 * Claiming: anyone takes a `new` item; an item someone else holds is theirs (`already_claimed`),
 * which is also what the loser of two simultaneous clicks sees once the winner is stored.
 * Supervisors and admins may take over an escalated item from whoever holds it; agents may not.
 * Claiming what you already hold is `not_in_state`: there is nothing to do.
 */
function claimGate(item: FeedbackItem, actor: Agent, wrongState: Refusal): Refusal | null {
  if (item.assignee?.id === actor.id) return wrongState;
  switch (item.state) {
    case 'new':
    case 'claimed':
    case 'waiting_customer':
      // An unowned claimed/waiting item breaks an invariant; letting anyone claim it repairs it.
      return item.assignee ? { code: 'already_claimed', by: item.assignee } : null;
    case 'escalated':
      return isSupervisor(actor.role) ? null : { code: 'supervisor_only', action: 'claim', state: item.state };
    default:
      return wrongState;
  }
}

/** The assignee or a supervisor/admin; with nobody assigned, only a supervisor/admin. */
function holderGate(item: FeedbackItem, actor: Agent, action: ActionName): Refusal | null {
  if (isSupervisor(actor.role) || item.assignee?.id === actor.id) return null;
  return item.assignee
    ? { code: 'not_assignee', assignee: item.assignee, action }
    : { code: 'supervisor_only', action, state: item.state };
}

function supervisorGate(item: FeedbackItem, actor: Agent, action: ActionName): Refusal | null {
  return isSupervisor(actor.role) ? null : { code: 'supervisor_only', action, state: item.state };
}

/** Runs only after the gate passed. Text is judged after trimming: a lone space is not a reply. */
function missingInput(action: ItemAction): Refusal | null {
  switch (action.type) {
    case 'reply':
    case 'note':
      return isBlank(action.text) ? { code: 'input_required', field: 'text' } : null;
    case 'escalate':
      return isBlank(action.reason) ? { code: 'input_required', field: 'reason' } : null;
    case 'resolve':
    case 'close':
      // Codes arrive from platform forms as strings, so check membership at run time too.
      return (RESOLUTION_CODES as readonly string[]).includes(action.code) ? null : { code: 'input_required', field: 'code' };
    default:
      return null;
  }
}

function apply(item: FeedbackItem, actor: Agent, action: ItemAction, now: Date): { item: FeedbackItem; events: ItemEvent[] } {
  const by: AgentRef = { id: actor.id, name: actor.name };
  const base = { itemId: item.id, by, at: now };
  const next = (changes: Partial<FeedbackItem>, event: ItemEvent) => ({
    item: { ...item, ...changes, version: item.version + 1 },
    events: [event],
  });
  switch (action.type) {
    case 'claim':
      // A supervisor taking over an escalated item keeps it escalated: the escalation is not over.
      return next({ state: item.state === 'new' ? 'claimed' : item.state, assignee: by }, { type: 'claimed', ...base });
    case 'reply': {
      const text = action.text.trim();
      return next(
        { state: item.state === 'escalated' ? 'escalated' : 'waiting_customer', firstResponseAt: item.firstResponseAt ?? now },
        { type: 'replied', ...base, text },
      );
    }
    case 'note':
      return next({ noteCount: (item.noteCount ?? 0) + 1 }, { type: 'noted', ...base, text: action.text.trim() });
    case 'wait':
      return next({ state: 'waiting_customer' }, { type: 'waiting', ...base });
    case 'escalate':
      // The assignee stays: the agent keeps the item until a supervisor takes it over.
      return next({ state: 'escalated' }, { type: 'escalated', ...base, reason: action.reason.trim() });
    case 'resolve':
      return next({ state: 'resolved', resolvedAt: now, resolution: action.code }, { type: 'resolved', ...base, code: action.code });
    case 'close':
      // The closing code wins over an earlier resolve code: it is the final word on the outcome.
      return next(
        { state: 'closed', closedAt: now, resolvedAt: item.resolvedAt ?? now, resolution: action.code },
        { type: 'closed', ...base, code: action.code },
      );
    case 'reopen': {
      // Back to whoever had it, so the customer's follow-up lands with someone who knows the case.
      // firstResponseAt is kept: the statistics measure the first answer. Fresh deadlines for the
      // new cycle are set by withDeadlineClock (deadline-clock.ts), which knows the settings.
      const reason = action.reason?.trim();
      return next(
        { state: item.assignee ? 'claimed' : 'new', closedAt: null, resolvedAt: null, resolution: null },
        reason ? { type: 'reopened', ...base, reason } : { type: 'reopened', ...base },
      );
    }
    default:
      return unknownAction(action);
  }
}

/** Everyone who could be looking at a group's card, for `allowedActions(item, null)`. */
function possibleViewers(item: FeedbackItem): Agent[] {
  // Ids no real agent has, so a stranger is never mistaken for the assignee.
  const strangers = ROLES.map((role): Agent => ({ id: `\u0000viewer:${role}`, name: '', role }));
  // An AgentRef carries no role, so consider the assignee in every role they might have.
  const holder = item.assignee;
  const holders = holder ? ROLES.map((role): Agent => ({ ...holder, role })) : [];
  return [...strangers, ...holders];
}

function isSupervisor(role: Role): boolean {
  return role === 'supervisor' || role === 'manager' || role === 'admin';
}

function inStates(item: FeedbackItem, ...states: ItemState[]): boolean {
  return states.includes(item.state);
}

function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

/** A new action name fails the build here; at run time (bad decoding upstream) it is a fault. */
function unknownAction(value: never): never {
  throw new TypeError(`Unknown item action: ${JSON.stringify(value)}`);
}
