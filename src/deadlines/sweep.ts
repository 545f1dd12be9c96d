// The deadline sweep: every open item whose clock runs is checked against its deadlines, and each
// step it is owed (a reminder, the breach, an escalation step) is taken once. A step is taken by
// inserting its row in deadline_steps (primary key: item, cycle, deadline, step) in the same
// transaction as its audit event and its outbox messages: two sweeps at once, on two instances,
// insert it once, and the loser's transaction does nothing. A room owed many texts in one sweep
// gets one round-up (deadline-roundup.ts). Idempotent: a second sweep at the
// same moment finds every step taken.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { addWorkingMinutes } from '../domain/business-time.js';
import { dueSteps, stepName, type DueStep } from '../domain/deadline-steps.js';
import type { FeedbackItem } from '../domain/types.js';
import { listChannels } from '../channels-repo.js';
import { selectItems } from '../items/items-repo.js';
import { itemRowToItem, type ItemRow } from '../items/item-row.js';
import { enqueueMessages } from '../outbox/enqueue.js';
import type { DeadlineConfig } from './deadline-settings.js';
import { messagesForStep } from './deadline-messages.js';
import { withRoundUps, type StepMessages } from './deadline-roundup.js';

export type SweepDeps = Pick<Deps, 'db' | 't'> & { config: { deadlines: DeadlineConfig } };

export interface TakenStep { itemId: string; shortId: string; deadline: DueStep['deadline']; step: string }

/** Takes every step due at `now`; answers the steps this call took (not those another sweep took). */
export async function sweepDeadlines(deps: SweepDeps, now: Date): Promise<TakenStep[]> {
  const settings = deps.config.deadlines;
  const items = await watchedItems(deps.db, now, settings);
  if (items.length === 0) return [];
  const taken = await takenSteps(deps.db, items);
  const owed = items.flatMap((item) => dueSteps(item, now, settings)
    .filter((step) => !taken.has(stepKey(item.id, item.deadlineCycle ?? 0, step.deadline, stepName(step))))
    .map((step) => ({ item, step })));
  if (owed.length === 0) return [];
  const channels = await listChannels(deps.db);
  // One transaction for the whole sweep, so the texts a room is owed can be sent as one round-up.
  // A second sweep at the same moment waits on the first's step rows and then inserts none.
  return deps.db.transaction().execute(async (trx) => {
    const won: StepMessages[] = [];
    for (const { item, step } of owed) {
      const cycle = item.deadlineCycle ?? 0;
      const row = await trx.insertInto('deadline_steps')
        .values({ feedback_id: item.id, cycle, deadline: step.deadline, step: stepName(step), due_at: step.dueAt, created_at: now })
        .onConflict((oc) => oc.columns(['feedback_id', 'cycle', 'deadline', 'step']).doNothing())
        .returning('step').executeTakeFirst();
      if (!row) continue;
      await trx.insertInto('feedback_events').values({
        feedback_id: item.id, type: eventType(step), actor_id: null, created_at: now, data: JSON.stringify(eventData(step, cycle)),
      }).execute();
      won.push({ item, step, messages: messagesForStep(item, step, cycle, channels, deps.t, settings.clock) });
    }
    await enqueueMessages(trx, withRoundUps(won, deps.t, settings.clock, now));
    return won.map(({ item, step }) => ({ itemId: item.id, shortId: item.shortId, deadline: step.deadline, step: stepName(step) }));
  });
}

/**
 * Open, carded items whose clock runs and whose next deadline falls before the reminder horizon:
 * the working time a reminder looks ahead, turned into an instant so the database can filter.
 */
async function watchedItems(db: Kysely<Database>, now: Date, settings: DeadlineConfig): Promise<FeedbackItem[]> {
  const share = settings.reminderAt === null ? 0 : 1 - settings.reminderAt;
  const longest = Math.max(...Object.values(settings.policy).flatMap((p) => Object.values(p).flatMap((l) => [l.responseMinutes, l.resolveMinutes])));
  const horizon = addWorkingMinutes(settings.clock, now, Math.ceil(longest * share));
  const rows = await selectItems(db)
    .where('feedback.state', 'in', ['new', 'claimed', 'escalated'])
    .where('feedback.paused_at', 'is', null)
    .where('feedback.carded', '=', true)
    .where((eb) => eb.or([
      eb.and([eb('feedback.responded_at', 'is', null), eb('feedback.response_due_at', '<=', horizon)]),
      eb('feedback.resolve_due_at', '<=', horizon),
    ]))
    .orderBy('feedback.resolve_due_at')
    .execute();
  return rows.map((row) => itemRowToItem(row as ItemRow));
}

async function takenSteps(db: Kysely<Database>, items: FeedbackItem[]): Promise<Set<string>> {
  const rows = await db.selectFrom('deadline_steps').select(['feedback_id', 'cycle', 'deadline', 'step'])
    .where('feedback_id', 'in', items.map((i) => i.id)).execute();
  return new Set(rows.map((r) => stepKey(r.feedback_id, r.cycle, r.deadline, r.step)));
}

const stepKey = (itemId: string, cycle: number, deadline: string, step: string) => `${itemId}\u0000${cycle}\u0000${deadline}\u0000${step}`;

function eventType(step: DueStep): string {
  return step.kind === 'reminder' ? 'deadline_reminder' : step.kind === 'breached' ? 'deadline_breached' : 'deadline_escalated';
}

function eventData(step: DueStep, cycle: number): Record<string, unknown> {
  const base = { deadline: step.deadline, dueAt: step.dueAt.toISOString(), cycle };
  if (step.kind === 'reminder') return { ...base, minutesLeft: step.minutesLeft };
  if (step.kind === 'breached') return { ...base, minutesOver: step.minutesOver };
  return { ...base, minutesOver: step.minutesOver, level: step.level, role: step.role };
}
