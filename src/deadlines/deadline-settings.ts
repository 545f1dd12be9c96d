// The time-limit settings, parsed from their text forms: BUSINESS_HOURS "09:00-18:00",
// BUSINESS_DAYS "1-5", DEADLINES_<TIER> "urgent=30m/24h,general=2h/72h,routine=24h/7d",
// DEADLINE_REMINDER_AT "0.8" and ESCALATION_CHAIN "supervisor=0m,manager=4h". Each problem is
// returned as a catalogue key, so config.ts words it in the configured language.
import type { BusinessHours, DeadlineClock } from '../domain/business-time.js';
import { WALL_CLOCK } from '../domain/business-time.js';
import { DEFAULT_TIER_DEADLINES, type DeadlinePolicy, type TierDeadlinePolicy } from '../domain/deadlines.js';
import type { ChainStep, StepSettings } from '../domain/deadline-steps.js';
import { PRIORITIES, TIERS, type CustomerTier, type Priority } from '../domain/types.js';
import { HolidayFileError, loadHolidayCalendar, type CalendarSource } from './holiday-calendar.js';

/** The defaults as text (DEFAULT_TIER_DEADLINES round the clock); README and .env.example show them. */
export const DEFAULT_DEADLINE_TEXT: Record<CustomerTier, string> = {
  standard: 'urgent=30m/24h,general=2h/72h,routine=24h/7d',
  vip: 'urgent=15m/12h,general=1h/36h,routine=8h/3d',
  enterprise: 'urgent=20m/16h,general=1h/48h,routine=12h/5d',
};

export interface DeadlineEnv {
  BUSINESS_HOURS?: string; BUSINESS_DAYS: string; BUSINESS_TIME_ZONE: string;
  HOLIDAY_CALENDAR: CalendarSource; HOLIDAYS_FILE?: string;
  DEADLINES_STANDARD?: string; DEADLINES_VIP?: string; DEADLINES_ENTERPRISE?: string;
  DEADLINE_REMINDER_AT: string; ESCALATION_CHAIN: string;
}

export interface DeadlineConfig extends StepSettings {
  /** The last year the holiday calendar knows, and the date of the operator's file, for the start-up log. */
  calendarInfo: { lastYear: number | null; fileUpdated: string | null } | null;
}

export type SettingProblem = { setting: string; key: 'config.business_hours' | 'config.business_days' | 'config.deadlines' | 'config.reminder_at' | 'config.escalation_chain' | 'config.holidays_file'; detail?: string };

export function parseDeadlineSettings(env: DeadlineEnv): { config?: DeadlineConfig; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const hours = env.BUSINESS_HOURS ? parseHours(env.BUSINESS_HOURS) : null;
  if (env.BUSINESS_HOURS && !hours) problems.push({ setting: 'BUSINESS_HOURS', key: 'config.business_hours' });
  const days = parseDays(env.BUSINESS_DAYS);
  if (!days) problems.push({ setting: 'BUSINESS_DAYS', key: 'config.business_days' });
  const dayMinutes = hours ? hours.end - hours.start : 1440;
  const policy = {} as TierDeadlinePolicy;
  for (const tier of TIERS) {
    const name = `DEADLINES_${tier.toUpperCase()}` as 'DEADLINES_STANDARD';
    // The defaults are read like a setting, so their days are working days too when hours are set.
    const fallback = parsePolicy(DEFAULT_DEADLINE_TEXT[tier], DEFAULT_TIER_DEADLINES[tier], dayMinutes) ?? DEFAULT_TIER_DEADLINES[tier];
    const text = env[name];
    const parsed = text ? parsePolicy(text, fallback, dayMinutes) : fallback;
    if (!parsed) problems.push({ setting: name, key: 'config.deadlines' });
    policy[tier] = parsed ?? fallback;
  }
  const reminderAt = parseReminder(env.DEADLINE_REMINDER_AT);
  if (reminderAt === undefined) problems.push({ setting: 'DEADLINE_REMINDER_AT', key: 'config.reminder_at' });
  const chain = parseChain(env.ESCALATION_CHAIN, dayMinutes);
  if (!chain) problems.push({ setting: 'ESCALATION_CHAIN', key: 'config.escalation_chain' });
  let clock: DeadlineClock = WALL_CLOCK;
  let calendarInfo: DeadlineConfig['calendarInfo'] = null;
  if (hours && days) {
    try {
      const calendar = loadHolidayCalendar(env.HOLIDAY_CALENDAR, env.HOLIDAYS_FILE);
      calendarInfo = { lastYear: calendar.lastYear, fileUpdated: calendar.fileUpdated };
      clock = { kind: 'business', timeZone: env.BUSINESS_TIME_ZONE, days, startMinute: hours.start, endMinute: hours.end, calendar } satisfies BusinessHours;
    } catch (error) {
      if (!(error instanceof HolidayFileError)) throw error;
      problems.push({ setting: 'HOLIDAYS_FILE', key: 'config.holidays_file', detail: error.message });
    }
  }
  if (problems.length > 0 || reminderAt === undefined || !chain) return { problems };
  return { config: { clock, policy, reminderAt, chain, calendarInfo }, problems };
}

/** "09:00-18:00" → minutes after midnight; "24:00" may end the day. */
function parseHours(text: string): { start: number; end: number } | null {
  const m = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m) return null;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  if (Number(m[2]) > 59 || Number(m[4]) > 59 || end > 1440 || start >= end) return null;
  return { start, end };
}

/** "1-5", "1,2,3,4,5,6" or "1-5,7": ISO weekdays, Monday 1 to Sunday 7. */
function parseDays(text: string): number[] | null {
  const days = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const m = /^([1-7])(?:-([1-7]))?$/.exec(part);
    if (!m) return null;
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (to < from) return null;
    for (let d = from; d <= to; d++) days.add(d);
  }
  return days.size ? [...days].sort() : null;
}

/** "30m", "2h", "1.5h", "7d": minutes; a day is one working day (the length of BUSINESS_HOURS). */
export function parseDuration(text: string, dayMinutes: number): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(m|min|h|d)\s*$/i.exec(text);
  if (!m) return null;
  const value = Number(m[1]);
  const unit = m[2].toLowerCase();
  const minutes = unit === 'd' ? value * dayMinutes : unit === 'h' ? value * 60 : value;
  return Number.isFinite(minutes) ? Math.round(minutes) : null;
}

/** "urgent=30m/24h,general=2h/72h": priorities not named keep the tier's default. */
function parsePolicy(text: string, fallback: Readonly<DeadlinePolicy>, dayMinutes: number): DeadlinePolicy | null {
  const policy: DeadlinePolicy = { ...fallback };
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\w+)\s*=\s*([^/]+)\/(.+)$/.exec(part);
    if (!m || !(PRIORITIES as readonly string[]).includes(m[1])) return null;
    const response = parseDuration(m[2], dayMinutes);
    const resolve = parseDuration(m[3], dayMinutes);
    if (!response || !resolve || response > resolve) return null;
    policy[m[1] as Priority] = { responseMinutes: response, resolveMinutes: resolve };
  }
  return policy;
}

/** "0.8" or "80%": the share of a deadline after which the reminder goes; "off" for none. */
function parseReminder(text: string): number | null | undefined {
  if (/^\s*off\s*$/i.test(text)) return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!m) return undefined;
  const share = Number(m[1]) / (m[2] ? 100 : 1);
  return share > 0 && share < 1 ? share : undefined;
}

/** "supervisor=0m,manager=4h": roles in order, each with its delay after the breach. */
function parseChain(text: string, dayMinutes: number): ChainStep[] | null {
  if (/^\s*off\s*$/i.test(text)) return [];
  const steps: ChainStep[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    const m = /^(supervisor|manager|admin)\s*=\s*(.+)$/.exec(part);
    const after = m ? (/^\s*0\s*$/.test(m[2]) ? 0 : parseDuration(m[2], dayMinutes)) : null;
    if (!m || after === null) return null;
    if (steps.length && after < steps[steps.length - 1].afterMinutes) return null;
    steps.push({ role: m[1] as ChainStep['role'], afterMinutes: after });
  }
  return steps;
}
