// The deadline clock and the steps it owes, as pure functions over a controllable time: waiting
// pauses it, the customer writing back resumes it, reopen starts fresh; reminders at 80%, the
// breach, then each escalation step after its delay.
import { describe, expect, test } from 'vitest';
import { decide } from '../../src/domain/item-lifecycle.js';
import { withDeadlineClock, resumed, type DeadlineSettings } from '../../src/domain/deadline-clock.js';
import { dueSteps, stepName, type StepSettings } from '../../src/domain/deadline-steps.js';
import { deadlineStatus } from '../../src/domain/deadline-status.js';
import { DEFAULT_TIER_DEADLINES } from '../../src/domain/deadlines.js';
import { WALL_CLOCK, type BusinessHours } from '../../src/domain/business-time.js';
import { loadHolidayCalendar } from '../../src/deadlines/holiday-calendar.js';
import type { FeedbackItem, ItemAction } from '../../src/domain/types.js';
import { liWei, makeItem } from '../domain/fixtures.js';

const wall: DeadlineSettings = { clock: WALL_CLOCK, policy: DEFAULT_TIER_DEADLINES };
const steps: StepSettings = { ...wall, reminderAt: 0.8, chain: [{ role: 'supervisor', afterMinutes: 0 }, { role: 'manager', afterMinutes: 240 }] };
const T0 = new Date('2026-03-09T02:00:00Z'); // Monday 10:00 in Shanghai
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
// An urgent item created at T0: response due at +30 min, resolution at +24 h.
const fresh = () => makeItem({ createdAt: T0, responseDueAt: at(30), resolveDueAt: at(1440), respondedAt: null, pausedAt: null, deadlineCycle: 0 });

function act(item: FeedbackItem, action: ItemAction, now: Date, settings: DeadlineSettings = wall): FeedbackItem {
  const d = decide(item, liWei, action, now);
  if (!d.ok) throw new Error(JSON.stringify(d.refusal));
  return withDeadlineClock(item, d.item, action.type, now, settings);
}
const names = (item: FeedbackItem, now: Date, s: StepSettings = steps) => dueSteps(item, now, s).map((x) => `${x.deadline}:${stepName(x)}`);

describe('the clock through the lifecycle', () => {
  test('a reply meets the response deadline of the cycle and waiting stops the clock; writing back resumes it with the time left', () => {
    let item = act(fresh(), { type: 'claim' }, at(5));
    item = act(item, { type: 'reply', text: '已安排' }, at(10));
    expect(item.respondedAt).toEqual(at(10));
    expect(item.state).toBe('waiting_customer');
    expect(item.pausedAt).toEqual(at(10));
    // Three days waiting: nothing is owed, and the card says the clock is paused with 1430 min left.
    expect(names(item, at(3 * 1440))).toEqual([]);
    expect(deadlineStatus(item, at(3 * 1440), WALL_CLOCK)).toMatchObject({ deadline: 'resolve', paused: true, breached: false, minutesLeft: 1430 });
    // The customer writes back after three days: the 1430 minutes that were left run from now.
    const back = resumed(item, item.pausedAt ?? null, at(3 * 1440), WALL_CLOCK);
    expect(back.pausedAt).toBeNull();
    expect(back.resolveDueAt).toEqual(at(3 * 1440 + 1430));
  });

  test('with business hours, a pause over a weekend gives back only the working time that was left', () => {
    const office: BusinessHours = { kind: 'business', timeZone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1080, calendar: loadHolidayCalendar('cn') };
    // Paused Friday 17:00 (09:00Z) with the deadline at Friday 17:30: 30 working minutes left.
    const friday = new Date('2026-03-06T09:00:00Z');
    const item = { ...fresh(), state: 'waiting_customer' as const, pausedAt: friday, resolveDueAt: new Date('2026-03-06T09:30:00Z'), respondedAt: friday };
    // Resumed Monday 11:00: due Monday 11:30.
    expect(resumed(item, friday, new Date('2026-03-09T03:00:00Z'), office).resolveDueAt.toISOString()).toBe('2026-03-09T03:30:00.000Z');
  });

  test('a deadline already missed when the clock stopped stays missed after it resumes', () => {
    const item = { ...fresh(), state: 'waiting_customer' as const, pausedAt: at(60) };
    const back = resumed(item, at(60), at(600), WALL_CLOCK);
    expect(back.responseDueAt).toEqual(at(30));
  });

  test('reopening starts a new cycle with fresh deadlines from the reopening, and asks for a new first response', () => {
    let item = act(fresh(), { type: 'claim' }, at(5));
    item = act(item, { type: 'reply', text: 'ok' }, at(10));
    item = act(item, { type: 'resolve', code: 'solved' }, at(20));
    expect(item.pausedAt).toBeNull();
    const reopened = act(item, { type: 'reopen' }, at(2000));
    expect(reopened.deadlineCycle).toBe(1);
    expect(reopened.respondedAt).toBeNull();
    expect(reopened.firstResponseAt).toEqual(at(10)); // the statistics keep the very first answer
    expect(reopened.responseDueAt).toEqual(at(2030));
    expect(reopened.resolveDueAt).toEqual(at(2000 + 1440));
  });

  test('a VIP item reopened gets the VIP limits', () => {
    const item = { ...fresh(), tier: 'vip' as const, state: 'resolved' as const, assignee: { id: liWei.id, name: liWei.name } };
    const reopened = act(item, { type: 'reopen' }, at(100));
    expect(reopened.responseDueAt).toEqual(at(115));
    expect(reopened.resolveDueAt).toEqual(at(100 + 12 * 60));
  });
});

describe('steps owed', () => {
  test('nothing before 80% of a deadline, a reminder after it, the breach and the supervisor at the deadline, the manager 4 h later', () => {
    const item = { ...fresh(), state: 'claimed' as const, assignee: { id: liWei.id, name: liWei.name } };
    expect(names(item, at(23))).toEqual([]);
    expect(names(item, at(24))).toEqual(['response:reminder']);
    expect(dueSteps(item, at(24), steps)[0]).toMatchObject({ kind: 'reminder', minutesLeft: 6 });
    expect(names(item, at(30))).toEqual(['response:breached', 'response:escalate:1:supervisor']);
    expect(names(item, at(30 + 239))).toEqual(['response:breached', 'response:escalate:1:supervisor']);
    expect(names(item, at(30 + 240))).toEqual(['response:breached', 'response:escalate:1:supervisor', 'response:escalate:2:manager']);
  });

  test('the resolution deadline has its own reminder and chain; an answered item is watched for resolution only', () => {
    const item = { ...fresh(), state: 'claimed' as const, respondedAt: at(10) };
    expect(names(item, at(1152))).toEqual(['resolve:reminder']);
    expect(names(item, at(1440))).toEqual(['resolve:breached', 'resolve:escalate:1:supervisor']);
  });

  test('reminders off and an empty chain leave only the breach; a paused or finished item owes nothing', () => {
    const quiet = { ...steps, reminderAt: null, chain: [] };
    expect(names(fresh(), at(29), quiet)).toEqual([]);
    expect(names(fresh(), at(31), quiet)).toEqual(['response:breached']);
    expect(names({ ...fresh(), state: 'waiting_customer', pausedAt: at(1) }, at(2000))).toEqual([]);
    expect(names({ ...fresh(), state: 'closed' }, at(2000))).toEqual([]);
  });

  test('with business hours the reminder and the breach fall in working time', () => {
    const office: BusinessHours = { kind: 'business', timeZone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1080, calendar: loadHolidayCalendar('cn') };
    const s = { ...steps, clock: office };
    // General item: 2 working hours, created Friday 17:00 → due Monday 10:00; reminder when 24 working min are left.
    const item = makeItem({ priority: 'general', createdAt: new Date('2026-03-06T09:00:00Z'), responseDueAt: new Date('2026-03-09T02:00:00Z'), resolveDueAt: new Date('2026-03-20T02:00:00Z') });
    expect(names(item, new Date('2026-03-07T06:00:00Z'), s)).toEqual([]); // Saturday afternoon: 60 working min left
    expect(names(item, new Date('2026-03-09T01:36:00Z'), s)).toEqual(['response:reminder']); // Monday 09:36
    expect(names(item, new Date('2026-03-09T02:00:00Z'), s)).toEqual(['response:breached', 'response:escalate:1:supervisor']);
  });
});
