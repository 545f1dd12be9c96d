// Response and resolution deadlines from an item's priority. Pure: the caller passes createdAt.
// Business hours and holidays are a separate concern layered on top by the scheduler's calendar.
import type { Priority } from './types.js';

/** Minutes allowed per priority: until the first reply, and until the item is resolved. */
export type DeadlinePolicy = Record<Priority, { responseMinutes: number; resolveMinutes: number }>;

const HOUR = 60;
const DAY = 24 * HOUR;

/** DESIGN.md §1.3: urgent 30 min / 24 h, general 2 h / 72 h, routine 24 h / 7 days. */
export const DEFAULT_DEADLINES: Readonly<DeadlinePolicy> = Object.freeze({
  urgent: { responseMinutes: 30, resolveMinutes: 1 * DAY },
  general: { responseMinutes: 2 * HOUR, resolveMinutes: 3 * DAY },
  routine: { responseMinutes: 1 * DAY, resolveMinutes: 7 * DAY },
});

/**
 * Deadlines for an item of `priority` created at `createdAt`, in wall-clock minutes.
 * Throws RangeError if the policy gives a negative or non-finite number of minutes, since a
 * deadline computed from it would silently be wrong; configuration should have caught it first.
 */
export function deadlinesFor(
  priority: Priority,
  createdAt: Date,
  policy: Readonly<DeadlinePolicy> = DEFAULT_DEADLINES,
): { responseDueAt: Date; resolveDueAt: Date } {
  const { responseMinutes, resolveMinutes } = policy[priority];
  return {
    responseDueAt: addMinutes(createdAt, checked(responseMinutes, priority, 'responseMinutes')),
    resolveDueAt: addMinutes(createdAt, checked(resolveMinutes, priority, 'resolveMinutes')),
  };
}

function checked(minutes: number, priority: Priority, field: string): number {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`Deadline policy ${priority}.${field} must be a non-negative number of minutes, got ${minutes}`);
  }
  return minutes;
}

function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}
