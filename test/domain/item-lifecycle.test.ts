import { describe, expect, test } from 'vitest';
import { allowedActions, decide } from '../../src/domain/item-lifecycle.js';
import { ACTION_NAMES, type ActionName, type Agent, type FeedbackItem, type ItemState, type Refusal } from '../../src/domain/types.js';
import { NOW, VALID, chenJing, liWei, makeItem, wangFang, zhangMin, zhaoLei } from './fixtures.js';

// ---------------------------------------------------------------------------------------------
// The whole rulebook as data: every state × action × viewer, written out by hand from the rules
// (not computed), so a change in behaviour shows up as a change in this table.
//
// Columns: an agent who does not hold the item, the holder, a supervisor and an admin who do not
// hold it. A cell is the resulting state, a refusal code, or '-' where the column has nobody
// (an unassigned item has no holder).
// ---------------------------------------------------------------------------------------------

type Cell = ItemState | Refusal['code'] | '-';
type Row = readonly [other: Cell, holder: Cell, supervisor: Cell, admin: Cell];

const NIS = 'not_in_state';
const TAKEN = 'already_claimed';
const NOT_HOLDER = 'not_assignee';
const SUP = 'supervisor_only';
const ALL_NIS: Row = [NIS, NIS, NIS, NIS];
const UNASSIGNED_NIS: Row = [NIS, '-', NIS, NIS];

interface Fixture { item: FeedbackItem; holder: Agent | null; expected: Record<ActionName, Row> }

const resolvedFields = { resolvedAt: new Date('2025-03-03T02:00:00Z'), resolution: 'explained' as const };
const closedFields = { ...resolvedFields, closedAt: new Date('2025-03-03T02:05:00Z') };
const replied = { firstResponseAt: new Date('2025-03-03T01:20:00Z') };

const FIXTURES: Record<string, Fixture> = {
  'new': {
    item: makeItem({ state: 'new' }),
    holder: null,
    expected: {
      claim: ['claimed', '-', 'claimed', 'claimed'],
      reply: UNASSIGNED_NIS,
      note: ['new', '-', 'new', 'new'],
      wait: UNASSIGNED_NIS,
      escalate: ['escalated', '-', 'escalated', 'escalated'],
      resolve: UNASSIGNED_NIS,
      close: UNASSIGNED_NIS,
      reopen: UNASSIGNED_NIS,
    },
  },
  'claimed by an agent': {
    item: makeItem({ state: 'claimed', assignee: liWei }),
    holder: liWei,
    expected: {
      claim: [TAKEN, NIS, TAKEN, TAKEN],
      reply: [NOT_HOLDER, 'waiting_customer', 'waiting_customer', 'waiting_customer'],
      note: ['claimed', 'claimed', 'claimed', 'claimed'],
      wait: [NOT_HOLDER, 'waiting_customer', 'waiting_customer', 'waiting_customer'],
      escalate: [NOT_HOLDER, 'escalated', 'escalated', 'escalated'],
      resolve: [NOT_HOLDER, 'resolved', 'resolved', 'resolved'],
      close: [NOT_HOLDER, 'closed', 'closed', 'closed'],
      reopen: ALL_NIS,
    },
  },
  'waiting on customer': {
    item: makeItem({ state: 'waiting_customer', assignee: liWei, ...replied }),
    holder: liWei,
    expected: {
      claim: [TAKEN, NIS, TAKEN, TAKEN],
      reply: [NOT_HOLDER, 'waiting_customer', 'waiting_customer', 'waiting_customer'],
      note: ['waiting_customer', 'waiting_customer', 'waiting_customer', 'waiting_customer'],
      wait: ALL_NIS,
      escalate: [NOT_HOLDER, 'escalated', 'escalated', 'escalated'],
      resolve: [NOT_HOLDER, 'resolved', 'resolved', 'resolved'],
      close: [NOT_HOLDER, 'closed', 'closed', 'closed'],
      reopen: ALL_NIS,
    },
  },
  'escalated, held by an agent': {
    item: makeItem({ state: 'escalated', assignee: liWei }),
    holder: liWei,
    expected: {
      claim: [SUP, NIS, 'escalated', 'escalated'],
      reply: [NOT_HOLDER, 'escalated', 'escalated', 'escalated'],
      note: ['escalated', 'escalated', 'escalated', 'escalated'],
      wait: ALL_NIS,
      escalate: ALL_NIS,
      resolve: [SUP, SUP, 'resolved', 'resolved'],
      close: [SUP, SUP, 'closed', 'closed'],
      reopen: ALL_NIS,
    },
  },
  'escalated, unassigned': {
    item: makeItem({ state: 'escalated' }),
    holder: null,
    expected: {
      claim: [SUP, '-', 'escalated', 'escalated'],
      reply: [SUP, '-', 'escalated', 'escalated'],
      note: ['escalated', '-', 'escalated', 'escalated'],
      wait: UNASSIGNED_NIS,
      escalate: UNASSIGNED_NIS,
      resolve: [SUP, '-', 'resolved', 'resolved'],
      close: [SUP, '-', 'closed', 'closed'],
      reopen: UNASSIGNED_NIS,
    },
  },
  'escalated, taken over by a supervisor': {
    item: makeItem({ state: 'escalated', assignee: wangFang }),
    holder: wangFang,
    expected: {
      claim: [SUP, NIS, 'escalated', 'escalated'],
      reply: [NOT_HOLDER, 'escalated', 'escalated', 'escalated'],
      note: ['escalated', 'escalated', 'escalated', 'escalated'],
      wait: ALL_NIS,
      escalate: ALL_NIS,
      resolve: [SUP, 'resolved', 'resolved', 'resolved'],
      close: [SUP, 'closed', 'closed', 'closed'],
      reopen: ALL_NIS,
    },
  },
  'resolved': {
    item: makeItem({ state: 'resolved', assignee: liWei, ...replied, ...resolvedFields }),
    holder: liWei,
    expected: {
      claim: ALL_NIS,
      reply: ALL_NIS,
      note: ['resolved', 'resolved', 'resolved', 'resolved'],
      wait: ALL_NIS,
      escalate: ALL_NIS,
      resolve: ALL_NIS,
      close: ['closed', 'closed', 'closed', 'closed'],
      reopen: ['claimed', 'claimed', 'claimed', 'claimed'],
    },
  },
  'resolved, unassigned': {
    item: makeItem({ state: 'resolved', ...resolvedFields }),
    holder: null,
    expected: {
      claim: UNASSIGNED_NIS,
      reply: UNASSIGNED_NIS,
      note: ['resolved', '-', 'resolved', 'resolved'],
      wait: UNASSIGNED_NIS,
      escalate: UNASSIGNED_NIS,
      resolve: UNASSIGNED_NIS,
      close: ['closed', '-', 'closed', 'closed'],
      reopen: ['new', '-', 'new', 'new'],
    },
  },
  'closed': {
    item: makeItem({ state: 'closed', assignee: liWei, ...replied, ...closedFields }),
    holder: liWei,
    expected: {
      claim: ALL_NIS,
      reply: ALL_NIS,
      note: ALL_NIS,
      wait: ALL_NIS,
      escalate: ALL_NIS,
      resolve: ALL_NIS,
      close: ALL_NIS,
      reopen: ['claimed', 'claimed', 'claimed', 'claimed'],
    },
  },
  'closed, unassigned': {
    item: makeItem({ state: 'closed', ...closedFields }),
    holder: null,
    expected: {
      claim: UNASSIGNED_NIS,
      reply: UNASSIGNED_NIS,
      note: UNASSIGNED_NIS,
      wait: UNASSIGNED_NIS,
      escalate: UNASSIGNED_NIS,
      resolve: UNASSIGNED_NIS,
      close: UNASSIGNED_NIS,
      reopen: ['new', '-', 'new', 'new'],
    },
  },
};

const COLUMNS = ['other agent', 'holder', 'supervisor', 'admin'] as const;

/** The person in a column: never the holder except in the holder column. */
function actorIn(column: number, fixture: Fixture): Agent | null {
  return [zhangMin, fixture.holder, zhaoLei, chenJing][column] ?? null;
}

const cases = Object.entries(FIXTURES).flatMap(([fixtureName, fixture]) =>
  ACTION_NAMES.flatMap((action) =>
    fixture.expected[action].flatMap((cell, column) => {
      const actor = actorIn(column, fixture);
      if (cell === '-' || actor === null) return [];
      return [{ label: `${fixtureName} | ${action} by ${COLUMNS[column]} (${actor.role}) → ${cell}`, fixture, action, actor, cell }];
    }),
  ),
);

describe('decide: every state × action × viewer', () => {
  test('the table covers every state and every action for every role', () => {
    const states = new Set(cases.map((c) => c.fixture.item.state));
    const combos = new Set(cases.map((c) => `${c.fixture.item.state}/${c.action}/${c.actor.role}`));
    expect([...states].sort()).toEqual(['claimed', 'closed', 'escalated', 'new', 'resolved', 'waiting_customer']);
    expect(combos.size).toBe(6 * 8 * 3);
  });

  test.each(cases.map((c) => [c.label, c] as const))('%s', (_label, { fixture, action, actor, cell }) => {
    const before = structuredClone(fixture.item);
    const decision = decide(fixture.item, actor, VALID[action], NOW);
    expect(fixture.item).toEqual(before); // pure: the input is never changed
    if (decision.ok) {
      expect(decision.item.state).toBe(cell);
      expect(decision.item.version).toBe(fixture.item.version + 1);
      expect(decision.events).toHaveLength(1);
      expect(decision.events[0]).toMatchObject({ itemId: fixture.item.id, by: { id: actor.id, name: actor.name }, at: NOW });
    } else {
      expect(decision.refusal.code).toBe(cell);
      if (decision.refusal.code === 'not_in_state') {
        expect(decision.refusal).toEqual({ code: 'not_in_state', state: fixture.item.state, action });
      }
    }
  });
});

describe('allowedActions agrees with decide', () => {
  const viewersOf = (fixture: Fixture): Agent[] => {
    const holderRoles = fixture.holder ? (['agent', 'supervisor', 'admin'] as const).map((role) => ({ ...fixture.holder!, role })) : [];
    return [zhangMin, zhaoLei, chenJing, ...holderRoles];
  };

  test.each(Object.entries(FIXTURES))('%s: per viewer, an action is offered iff decide accepts it', (_name, fixture) => {
    for (const actor of viewersOf(fixture)) {
      const offered = allowedActions(fixture.item, actor);
      const accepted = ACTION_NAMES.filter((a) => decide(fixture.item, actor, VALID[a], NOW).ok);
      expect(offered, `${actor.name} as ${actor.role}`).toEqual(accepted);
    }
  });

  test.each(Object.entries(FIXTURES))('%s: for the whole group, an action is offered iff someone could take it', (_name, fixture) => {
    const offered = allowedActions(fixture.item, null);
    const someone = ACTION_NAMES.filter((a) => viewersOf(fixture).some((actor) => decide(fixture.item, actor, VALID[a], NOW).ok));
    expect(offered).toEqual(someone);
  });

  test('the buttons a group sees, spelled out for the common cards', () => {
    expect(allowedActions(FIXTURES['new']!.item, null)).toEqual(['claim', 'note', 'escalate']);
    expect(allowedActions(FIXTURES['claimed by an agent']!.item, null)).toEqual(['reply', 'note', 'wait', 'escalate', 'resolve', 'close']);
    expect(allowedActions(FIXTURES['escalated, held by an agent']!.item, null)).toEqual(['claim', 'reply', 'note', 'resolve', 'close']);
    expect(allowedActions(FIXTURES['resolved']!.item, null)).toEqual(['note', 'close', 'reopen']);
    expect(allowedActions(FIXTURES['closed']!.item, null)).toEqual(['reopen']);
  });

  test('an agent who does not hold a claimed item sees only Note', () => {
    expect(allowedActions(FIXTURES['claimed by an agent']!.item, zhangMin)).toEqual(['note']);
  });
});

describe('decide: what an accepted action records', () => {
  test('every event carries the actor as {id, name} (no role) and the time given', () => {
    const item = makeItem({ state: 'claimed', assignee: liWei });
    const decision = decide(item, liWei, VALID.escalate, NOW);
    expect(decision).toMatchObject({ ok: true });
    if (!decision.ok) return;
    expect(decision.events).toEqual([
      { type: 'escalated', itemId: 'item-1', by: { id: 'ag-liwei', name: 'Li Wei' }, at: NOW, reason: 'Threatens a public complaint' },
    ]);
  });

  test('each action emits its own event type', () => {
    const at = (state: ItemState, assignee = liWei) => makeItem({ state, assignee });
    const eventOf = (item: FeedbackItem, action: ActionName) => {
      const d = decide(item, wangFang, VALID[action], NOW);
      return d.ok ? d.events.map((e) => e.type) : d.refusal.code;
    };
    expect(eventOf(makeItem(), 'claim')).toEqual(['claimed']);
    expect(eventOf(at('claimed'), 'reply')).toEqual(['replied']);
    expect(eventOf(at('claimed'), 'note')).toEqual(['noted']);
    expect(eventOf(at('claimed'), 'wait')).toEqual(['waiting']);
    expect(eventOf(at('claimed'), 'escalate')).toEqual(['escalated']);
    expect(eventOf(at('claimed'), 'resolve')).toEqual(['resolved']);
    expect(eventOf(at('claimed'), 'close')).toEqual(['closed']);
    expect(eventOf(at('closed'), 'reopen')).toEqual(['reopened']);
  });

  test('version goes up by one per decision, notes included (so every card refreshes)', () => {
    let item = makeItem({ version: 1 });
    for (const [actor, action] of [[liWei, VALID.claim], [zhangMin, VALID.note], [liWei, VALID.reply], [liWei, VALID.close]] as const) {
      const d = decide(item, actor, action, NOW);
      if (!d.ok) throw new Error(`refused: ${d.refusal.code}`);
      expect(d.item.version).toBe(item.version + 1);
      item = d.item;
    }
    expect(item.version).toBe(5);
  });

  test('claim makes the claimer the assignee; the loser of a race then sees who won', () => {
    const won = decide(makeItem(), liWei, VALID.claim, NOW);
    expect(won).toMatchObject({ ok: true, item: { state: 'claimed', assignee: { id: 'ag-liwei', name: 'Li Wei' } } });
    if (!won.ok) return;
    expect(won.item.assignee).not.toHaveProperty('role'); // an AgentRef, not the whole Agent
    expect(decide(won.item, zhangMin, VALID.claim, NOW)).toEqual({ ok: false, refusal: { code: 'already_claimed', by: { id: 'ag-liwei', name: 'Li Wei' } } });
  });

  test('a supervisor takes over an escalated item: it stays escalated, now theirs', () => {
    const d = decide(makeItem({ state: 'escalated', assignee: liWei }), wangFang, VALID.claim, NOW);
    expect(d).toMatchObject({ ok: true, item: { state: 'escalated', assignee: { id: 'ag-wangfang', name: 'Wang Fang' } } });
  });

  test('an orphaned claimed item (no assignee, a broken invariant) can be claimed to repair it', () => {
    const d = decide(makeItem({ state: 'waiting_customer', assignee: null }), zhangMin, VALID.claim, NOW);
    expect(d).toMatchObject({ ok: true, item: { state: 'waiting_customer', assignee: { id: 'ag-zhangmin' } } });
  });

  test('a reply sets firstResponseAt once and never moves it', () => {
    const first = decide(makeItem({ state: 'claimed', assignee: liWei }), liWei, VALID.reply, NOW);
    expect(first).toMatchObject({ ok: true, item: { firstResponseAt: NOW } });
    if (!first.ok) return;
    const later = new Date(NOW.getTime() + 60_000);
    expect(decide(first.item, liWei, VALID.reply, later)).toMatchObject({ ok: true, item: { firstResponseAt: NOW } });
    expect(first.events[0]).toMatchObject({ type: 'replied', text: 'Your parcel ships again today.' });
  });

  test('a note changes nothing but the version and the note count, and is not a first response', () => {
    const item = makeItem({ state: 'claimed', assignee: liWei });
    const d = decide(item, zhangMin, { type: 'note', text: '  check the courier  ' }, NOW);
    expect(d).toEqual({
      ok: true,
      item: { ...item, version: item.version + 1, noteCount: 1 },
      events: [{ type: 'noted', itemId: item.id, by: { id: zhangMin.id, name: zhangMin.name }, at: NOW, text: 'check the courier' }],
    });
  });

  test('escalating keeps the assignee until a supervisor takes over', () => {
    const d = decide(makeItem({ state: 'waiting_customer', assignee: liWei }), liWei, VALID.escalate, NOW);
    expect(d).toMatchObject({ ok: true, item: { state: 'escalated', assignee: { id: 'ag-liwei' } } });
  });

  test('resolve records when and how', () => {
    const d = decide(makeItem({ state: 'claimed', assignee: liWei }), liWei, { type: 'resolve', code: 'replaced' }, NOW);
    expect(d).toMatchObject({ ok: true, item: { state: 'resolved', resolvedAt: NOW, resolution: 'replaced', closedAt: null } });
  });

  test('close from claimed also stamps resolvedAt; close from resolved keeps it and takes the closing code', () => {
    const direct = decide(makeItem({ state: 'claimed', assignee: liWei }), liWei, { type: 'close', code: 'duplicate' }, NOW);
    expect(direct).toMatchObject({ ok: true, item: { state: 'closed', closedAt: NOW, resolvedAt: NOW, resolution: 'duplicate' } });
    const resolvedAt = new Date('2025-03-03T02:00:00Z');
    const later = decide(makeItem({ state: 'resolved', assignee: liWei, resolvedAt, resolution: 'explained' }), zhangMin, { type: 'close', code: 'no_response' }, NOW);
    expect(later).toMatchObject({ ok: true, item: { state: 'closed', closedAt: NOW, resolvedAt, resolution: 'no_response' } });
  });

  test('reopen clears the outcome, keeps firstResponseAt, and records a reason only when given', () => {
    const firstResponseAt = new Date('2025-03-03T01:20:00Z');
    const closed = makeItem({ state: 'closed', assignee: liWei, firstResponseAt, resolvedAt: NOW, closedAt: NOW, resolution: 'solved' });
    const d = decide(closed, zhangMin, { type: 'reopen', reason: '  customer wrote back  ' }, NOW);
    expect(d).toMatchObject({ ok: true, item: { state: 'claimed', assignee: { id: 'ag-liwei' }, firstResponseAt, resolvedAt: null, closedAt: null, resolution: null } });
    if (d.ok) expect(d.events[0]).toMatchObject({ type: 'reopened', reason: 'customer wrote back' });
    const silent = decide(closed, zhangMin, { type: 'reopen', reason: ' ' }, NOW);
    if (silent.ok) expect(silent.events[0]).not.toHaveProperty('reason');
    expect(silent.ok).toBe(true);
  });
});

describe('decide: missing input, and the order of checks', () => {
  const claimed = makeItem({ state: 'claimed', assignee: liWei });

  test.each([
    ['reply with blank text', { type: 'reply', text: '   ' }, 'text'],
    ['note with empty text', { type: 'note', text: '' }, 'text'],
    ['escalate without a reason', { type: 'escalate', reason: ' \n ' }, 'reason'],
    ['resolve with an unknown code', { type: 'resolve', code: 'magic' }, 'code'],
    ['close without a code', { type: 'close' }, 'code'],
  ] as const)('%s → input_required', (_label, action, field) => {
    // Forms arrive from platforms as loose JSON, so malformed shapes are part of the contract.
    const d = decide(claimed, liWei, action as never, NOW);
    expect(d).toEqual({ ok: false, refusal: { code: 'input_required', field } });
  });

  test('state is checked before input: a blank reply to a new item says "claim first", not "write something"', () => {
    expect(decide(makeItem(), liWei, { type: 'reply', text: '' }, NOW)).toMatchObject({ ok: false, refusal: { code: 'not_in_state' } });
  });

  test('permission is checked before input: someone else\'s blank reply is "not yours"', () => {
    expect(decide(claimed, zhangMin, { type: 'reply', text: '' }, NOW)).toEqual({
      ok: false,
      refusal: { code: 'not_assignee', assignee: liWei, action: 'reply' },
    });
  });

  test('refusals carry what the wording needs', () => {
    expect(decide(makeItem({ state: 'escalated', assignee: liWei }), liWei, VALID.close, NOW)).toEqual({
      ok: false,
      refusal: { code: 'supervisor_only', action: 'close', state: 'escalated' },
    });
  });

  test('an action type outside ItemAction is a fault, not a refusal', () => {
    expect(() => decide(claimed, liWei, { type: 'merge' } as never, NOW)).toThrow(TypeError);
  });
});
