// Shared people and items for the domain tests. Names are the team in the examples of DESIGN.md.
import type { ActionName, Agent, FeedbackItem, ItemAction } from '../../src/domain/types.js';

export const liWei: Agent = { id: 'ag-liwei', name: 'Li Wei', role: 'agent' };
export const zhangMin: Agent = { id: 'ag-zhangmin', name: 'Zhang Min', role: 'agent' };
export const wangFang: Agent = { id: 'ag-wangfang', name: 'Wang Fang', role: 'supervisor' };
export const zhaoLei: Agent = { id: 'ag-zhaolei', name: 'Zhao Lei', role: 'supervisor' };
export const chenJing: Agent = { id: 'ag-chenjing', name: 'Chen Jing', role: 'admin' };

export const CREATED = new Date('2025-03-03T01:00:00Z');
export const NOW = new Date('2025-03-03T02:15:00Z');

export function makeItem(overrides: Partial<FeedbackItem> = {}): FeedbackItem {
  return {
    id: 'item-1',
    shortId: 'FB-1',
    state: 'new',
    version: 7,
    assignee: null,
    kind: 'complaint',
    topic: 'logistics',
    sentiment: 'negative',
    score: -0.8,
    priority: 'urgent',
    angry: false,
    customerId: 'cust-1',
    customerName: null,
    tier: 'standard',
    source: 'chat',
    channel: 'web',
    maskedText: 'Parcel never arrived, order 1234',
    responseDueAt: new Date('2025-03-03T01:30:00Z'),
    resolveDueAt: new Date('2025-03-04T01:00:00Z'),
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    resolution: null,
    createdAt: CREATED,
    ...overrides,
  };
}

/** One well-formed action of each kind: what a filled-in card form would send. */
export const VALID: Record<ActionName, ItemAction> = {
  claim: { type: 'claim' },
  reply: { type: 'reply', text: 'Your parcel ships again today.' },
  note: { type: 'note', text: 'Customer called twice already.' },
  wait: { type: 'wait' },
  escalate: { type: 'escalate', reason: 'Threatens a public complaint' },
  resolve: { type: 'resolve', code: 'refunded' },
  close: { type: 'close', code: 'solved' },
  reopen: { type: 'reopen' },
};
