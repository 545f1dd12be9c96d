// What the deadline sweep owes an item now: a reminder before a deadline (at 80% of it by
// default), the breach itself, and each step of the escalation chain once its delay after the
// breach has passed. Pure: which steps were already taken is the caller's (a unique key in the
// database), so a step is decided here and recorded once there.
import { workingMinutesBetween } from './business-time.js';
import type { DeadlineSettings } from './deadline-clock.js';
import { openDeadlines, type DeadlineKind } from './deadline-status.js';
import type { FeedbackItem, Role } from './types.js';

export interface ChainStep { role: Exclude<Role, 'agent'>; afterMinutes: number }

export interface StepSettings extends DeadlineSettings {
  /** Share of a deadline after which the assignee is reminded (0.8); null: no reminders. */
  reminderAt: number | null;
  /** Who is pinged after a breach, and how long after it (working minutes), in order. */
  chain: readonly ChainStep[];
}

export type DueStep =
  | { kind: 'reminder'; deadline: DeadlineKind; dueAt: Date; minutesLeft: number }
  | { kind: 'breached'; deadline: DeadlineKind; dueAt: Date; minutesOver: number }
  | { kind: 'escalate'; deadline: DeadlineKind; dueAt: Date; minutesOver: number; level: number; role: ChainStep['role'] };

/** The once-only key of a step within one deadline of one cycle. */
export function stepName(step: DueStep): string {
  return step.kind === 'escalate' ? `escalate:${step.level}:${step.role}` : step.kind;
}

/** Every step due for `item` at `now`, whether or not it was taken before. None while the clock stands. */
export function dueSteps(item: FeedbackItem, now: Date, settings: StepSettings): DueStep[] {
  if (item.pausedAt || item.state === 'waiting_customer') return [];
  const steps: DueStep[] = [];
  for (const { deadline, dueAt } of openDeadlines(item)) {
    const left = workingMinutesBetween(settings.clock, now, dueAt);
    if (left > 0) {
      if (settings.reminderAt === null) continue;
      const limits = (settings.policy[item.tier] ?? settings.policy.standard)[item.priority];
      const total = deadline === 'response' ? limits.responseMinutes : limits.resolveMinutes;
      // Compared as elapsed share, with a hair of slack: 1 - 0.8 is not exactly 0.2 in floating point.
      if (total - left >= total * settings.reminderAt - 1e-6) steps.push({ kind: 'reminder', deadline, dueAt, minutesLeft: Math.round(left) });
      continue;
    }
    const over = Math.round(-left);
    steps.push({ kind: 'breached', deadline, dueAt, minutesOver: over });
    settings.chain.forEach((link, index) => {
      if (-left >= link.afterMinutes) steps.push({ kind: 'escalate', deadline, dueAt, minutesOver: over, level: index + 1, role: link.role });
    });
  }
  return steps;
}
