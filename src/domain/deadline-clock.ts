// The deadline clock of one item through its lifecycle: it stops while the item waits on the
// customer, runs on when they write back (or anything else takes the item out of waiting), and a
// reopen starts a new cycle with fresh deadlines. Pure: the caller passes the item before and
// after a decision, the time and the settings.
import { addWorkingMinutes, workingMinutesBetween, type DeadlineClock } from './business-time.js';
import { deadlinesForTier, type TierDeadlinePolicy } from './deadlines.js';
import type { ActionName, FeedbackItem } from './types.js';

export interface DeadlineSettings { clock: DeadlineClock; policy: Readonly<TierDeadlinePolicy> }

const FINISHED = new Set(['resolved', 'closed']);

/** `after` with its deadline fields brought in line with the change from `before`. Never mutates. */
export function withDeadlineClock(
  before: FeedbackItem, after: FeedbackItem, action: ActionName, now: Date, settings: DeadlineSettings,
): FeedbackItem {
  // A reply answers the customer: the response deadline of this cycle is met.
  const next: FeedbackItem = action === 'reply' && !before.respondedAt ? { ...after, respondedAt: now } : { ...after };
  if (FINISHED.has(before.state) && !FINISHED.has(after.state)) {
    // Reopened: the customer is owed a new answer and a new resolution, on fresh time limits.
    const due = deadlinesForTier(after.priority, after.tier, now, settings.policy, settings.clock);
    return { ...next, ...due, respondedAt: null, pausedAt: null, deadlineCycle: (before.deadlineCycle ?? 0) + 1 };
  }
  const waitingBefore = before.state === 'waiting_customer';
  const waitingAfter = after.state === 'waiting_customer';
  if (waitingAfter && !waitingBefore) return { ...next, pausedAt: now };
  if (waitingBefore && !waitingAfter) return FINISHED.has(after.state) ? { ...next, pausedAt: null } : resumed(next, before.pausedAt ?? null, now, settings.clock);
  return next;
}

/** The item with its clock running again from `now`, each deadline keeping the time it had left. */
export function resumed(item: FeedbackItem, pausedAt: Date | null, now: Date, clock: DeadlineClock): FeedbackItem {
  if (!pausedAt) return { ...item, pausedAt: null };
  const shift = (due: Date) => {
    const left = workingMinutesBetween(clock, pausedAt, due);
    // A deadline already missed when the clock stopped stays missed: no time comes back.
    return left > 0 ? addWorkingMinutes(clock, now, left) : due;
  };
  return { ...item, pausedAt: null, responseDueAt: shift(item.responseDueAt), resolveDueAt: shift(item.resolveDueAt) };
}
