// When the next app message may go to a WeCom member. WeCom takes at most 30 app messages a
// minute and 1000 an hour from one app to one member, and drops the rest without an error
// (developer.work.weixin.qq.com path/90312). Two rules, both exact over any window:
// - per minute: the 30th most recent send must be more than a minute (and a second of clock
//   difference between instances) old;
// - per hour: a generic cell rate algorithm, one message per 3.7 s on average with a burst of
//   90 s, so any hour holds at most (3600 + 90) / 3.7 + 1 = 998.
// Pure: the store keeps the state in the database and locks it while this decides.
export const MEMBER_PACE = {
  perMinute: 30,
  minuteMs: 61_000,
  hourIntervalMs: 3_700,
  hourBurstMs: 90_000,
} as const;

/** One member's pace: the times of their last sends (ms, oldest first, at most perMinute) and the hourly rate's arrival time. */
export interface MemberPaceState { recent: number[]; tat: number }

/** The earliest time at or after `now` one more message may reach this member. */
export function earliestSend(p: MemberPaceState, now: number): number {
  let at = now;
  if (p.recent.length >= MEMBER_PACE.perMinute) at = Math.max(at, p.recent[p.recent.length - MEMBER_PACE.perMinute]! + MEMBER_PACE.minuteMs);
  return Math.max(at, p.tat - MEMBER_PACE.hourBurstMs);
}

/** The state after a message went at `at`. */
export function afterSend(p: MemberPaceState, at: number): MemberPaceState {
  return { recent: [...p.recent, at].slice(-MEMBER_PACE.perMinute), tat: Math.max(p.tat, at) + MEMBER_PACE.hourIntervalMs };
}
