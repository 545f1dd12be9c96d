// Where an item stands against its time limits: the deadline that matters now, the working time
// left (negative once missed), and whether its clock is stopped. Pure; cards and the sweep use it.
import { workingMinutesBetween, type DeadlineClock } from './business-time.js';
import type { FeedbackItem } from './types.js';

export type DeadlineKind = 'response' | 'resolve';

export interface DeadlineStatus {
  deadline: DeadlineKind;
  dueAt: Date;
  /** Working minutes left (round-the-clock minutes without business hours); negative once missed. */
  minutesLeft: number;
  /** The clock stands still while the item waits on the customer. */
  paused: boolean;
  breached: boolean;
}

const OPEN = new Set(['new', 'claimed', 'waiting_customer', 'escalated']);

/** The deadlines still to meet, the response first: a first answer until there is one, then the resolution. */
export function openDeadlines(item: FeedbackItem): { deadline: DeadlineKind; dueAt: Date }[] {
  if (!OPEN.has(item.state)) return [];
  const resolve = { deadline: 'resolve' as const, dueAt: item.resolveDueAt };
  return respondedInCycle(item) ? [resolve] : [{ deadline: 'response', dueAt: item.responseDueAt }, resolve];
}

/** The next deadline of an open item, or null for a resolved or closed one. */
export function deadlineStatus(item: FeedbackItem, now: Date, clock: DeadlineClock): DeadlineStatus | null {
  const next = openDeadlines(item)[0];
  if (!next) return null;
  const paused = Boolean(item.pausedAt);
  // A stopped clock measures the time left from the moment it stopped.
  const from = paused && item.pausedAt ? item.pausedAt : now;
  const minutesLeft = Math.round(workingMinutesBetween(clock, from, next.dueAt));
  return { ...next, minutesLeft, paused, breached: next.dueAt.getTime() <= from.getTime() };
}

/** Answered in this cycle: respondedAt where the clock columns exist, firstResponseAt before them. */
export function respondedInCycle(item: FeedbackItem): boolean {
  return item.respondedAt !== undefined ? item.respondedAt !== null : item.firstResponseAt !== null;
}
