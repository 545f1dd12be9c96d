// Response and resolution deadlines from an item's priority and its customer's tier. Pure: the
// caller passes the start; business hours and holidays come in as a DeadlineClock.
import { addWorkingMinutes, WALL_CLOCK, type DeadlineClock } from './business-time.js';
import type { CustomerTier, Priority } from './types.js';

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

/** A policy per customer tier: VIP and enterprise customers get tighter limits. */
export type TierDeadlinePolicy = Record<CustomerTier, DeadlinePolicy>;

/** The defaults of the settings DEADLINES_STANDARD, DEADLINES_VIP and DEADLINES_ENTERPRISE. */
export const DEFAULT_TIER_DEADLINES: Readonly<TierDeadlinePolicy> = Object.freeze({
  standard: DEFAULT_DEADLINES,
  vip: Object.freeze({
    urgent: { responseMinutes: 15, resolveMinutes: 12 * HOUR },
    general: { responseMinutes: 1 * HOUR, resolveMinutes: 36 * HOUR },
    routine: { responseMinutes: 8 * HOUR, resolveMinutes: 3 * DAY },
  }),
  enterprise: Object.freeze({
    urgent: { responseMinutes: 20, resolveMinutes: 16 * HOUR },
    general: { responseMinutes: 1 * HOUR, resolveMinutes: 48 * HOUR },
    routine: { responseMinutes: 12 * HOUR, resolveMinutes: 5 * DAY },
  }),
});

/** Whether a customer's tier changes the deadlines at all (else intake need not look it up). */
export function hasTierDeadlines(policy: Readonly<TierDeadlinePolicy>): boolean {
  const same = JSON.stringify(policy.standard);
  return JSON.stringify(policy.vip) !== same || JSON.stringify(policy.enterprise) !== same;
}

/**
 * Deadlines for an item of `priority` whose customer is of `tier`, counted from `start` on
 * `clock` (working minutes when business hours are set). Throws RangeError like deadlinesFor.
 */
export function deadlinesForTier(
  priority: Priority, tier: CustomerTier, start: Date,
  policy: Readonly<TierDeadlinePolicy> = DEFAULT_TIER_DEADLINES, clock: DeadlineClock = WALL_CLOCK,
): { responseDueAt: Date; resolveDueAt: Date } {
  return deadlinesFor(priority, start, policy[tier] ?? policy.standard, clock);
}

/**
 * Deadlines for an item of `priority` created at `createdAt`, in wall-clock minutes (or working
 * minutes on a business-hours `clock`).
 * Throws RangeError if the policy gives a negative or non-finite number of minutes, since a
 * deadline computed from it would silently be wrong; configuration should have caught it first.
 */
export function deadlinesFor(
  priority: Priority,
  createdAt: Date,
  policy: Readonly<DeadlinePolicy> = DEFAULT_DEADLINES,
  clock: DeadlineClock = WALL_CLOCK,
): { responseDueAt: Date; resolveDueAt: Date } {
  const { responseMinutes, resolveMinutes } = policy[priority];
  return {
    responseDueAt: addWorkingMinutes(clock, createdAt, checked(responseMinutes, priority, 'responseMinutes')),
    resolveDueAt: addWorkingMinutes(clock, createdAt, checked(resolveMinutes, priority, 'resolveMinutes')),
  };
}

function checked(minutes: number, priority: Priority, field: string): number {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`Deadline policy ${priority}.${field} must be a non-negative number of minutes, got ${minutes}`);
  }
  return minutes;
}
