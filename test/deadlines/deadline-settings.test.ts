// The time-limit settings: their text forms, their defaults, and one readable line per bad value.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const base = { DATA_DIR: './data-test-unused', BOT_LANG: 'en' };
const problems = (env: Record<string, string>) => {
  try {
    loadConfig({ ...base, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n').slice(1);
    throw error;
  }
  return [];
};

describe('time-limit settings', () => {
  test('defaults: round the clock, the documented limits per tier, reminder at 80%, supervisor then manager after 4 h', () => {
    const { deadlines } = loadConfig(base);
    expect(deadlines.clock).toEqual({ kind: 'wall' });
    expect(deadlines.policy.standard.urgent).toEqual({ responseMinutes: 30, resolveMinutes: 1440 });
    expect(deadlines.policy.vip.urgent).toEqual({ responseMinutes: 15, resolveMinutes: 720 });
    expect(deadlines.policy.enterprise.routine).toEqual({ responseMinutes: 720, resolveMinutes: 7200 });
    expect(deadlines.reminderAt).toBe(0.8);
    expect(deadlines.chain).toEqual([{ role: 'supervisor', afterMinutes: 0 }, { role: 'manager', afterMinutes: 240 }]);
  });

  test('business hours with a day of 9 hours: "d" is a working day; a tier names only what it changes', () => {
    const { deadlines } = loadConfig({ ...base, BUSINESS_HOURS: '09:00-18:00', BUSINESS_DAYS: '1-6', DEADLINES_VIP: 'routine=4h/2d', DEADLINE_REMINDER_AT: '75%', ESCALATION_CHAIN: 'supervisor=30m,admin=1d' });
    expect(deadlines.clock).toMatchObject({ kind: 'business', timeZone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5, 6], startMinute: 540, endMinute: 1080 });
    expect(deadlines.policy.vip.routine).toEqual({ responseMinutes: 240, resolveMinutes: 1080 });
    expect(deadlines.policy.vip.urgent).toEqual({ responseMinutes: 15, resolveMinutes: 720 });
    expect(deadlines.policy.standard.routine.resolveMinutes).toBe(7 * 540);
    expect(deadlines.reminderAt).toBe(0.75);
    expect(deadlines.chain).toEqual([{ role: 'supervisor', afterMinutes: 30 }, { role: 'admin', afterMinutes: 540 }]);
    expect(loadConfig({ ...base, DEADLINE_REMINDER_AT: 'off', ESCALATION_CHAIN: 'off' }).deadlines).toMatchObject({ reminderAt: null, chain: [] });
  });

  test('each bad value stops start-up with one line naming the setting', () => {
    expect(problems({
      BUSINESS_HOURS: '18:00-09:00', BUSINESS_DAYS: '0-8', DEADLINES_STANDARD: 'urgent=2h/30m', DEADLINES_VIP: 'soon=1h/2h',
      DEADLINE_REMINDER_AT: '1.2', ESCALATION_CHAIN: 'boss=1h', BUSINESS_TIME_ZONE: 'Mars/Olympus', HOLIDAY_CALENDAR: 'us',
    })).toEqual([
      '- BUSINESS_TIME_ZONE: is not a known time zone, e.g. Asia/Shanghai or UTC',
      "- HOLIDAY_CALENDAR: must be one of: cn, none",
    ]);
    expect(problems({ BUSINESS_HOURS: '18:00-09:00', BUSINESS_DAYS: '0-8', DEADLINES_STANDARD: 'urgent=2h/30m', DEADLINES_VIP: 'soon=1h/2h', DEADLINE_REMINDER_AT: '1.2', ESCALATION_CHAIN: 'boss=1h' })).toEqual([
      '- BUSINESS_HOURS: must be HH:MM-HH:MM, e.g. 09:00-18:00 (start before end)',
      '- BUSINESS_DAYS: must be weekdays 1 (Monday) to 7 (Sunday) as a list or range, e.g. 1-5 or 1-5,7',
      '- DEADLINES_STANDARD: must look like urgent=30m/24h,general=2h/72h,routine=24h/7d (units m, h, d; response no longer than resolution)',
      '- DEADLINES_VIP: must look like urgent=30m/24h,general=2h/72h,routine=24h/7d (units m, h, d; response no longer than resolution)',
      '- DEADLINE_REMINDER_AT: must be a share between 0 and 1 (e.g. 0.8 or 80%), or off',
      '- ESCALATION_CHAIN: must look like supervisor=0m,manager=4h (roles supervisor, manager, admin; delays not decreasing), or off',
    ]);
  });

  test('a holiday file that cannot be used stops start-up with the reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-holidays-'));
    const file = join(dir, 'holidays.json');
    writeFileSync(file, JSON.stringify({ updated: '2026-11-20', holidays: ['2027-02-30'] }));
    expect(problems({ BUSINESS_HOURS: '09:00-18:00', HOLIDAYS_FILE: file })).toEqual([`- HOLIDAYS_FILE: the holiday file cannot be used (${file}: holidays.0 not a date)`]);
  });
});

describe('the default limits as text', () => {
  test('round the clock they are exactly the domain defaults', async () => {
    const { DEFAULT_TIER_DEADLINES } = await import('../../src/domain/deadlines.js');
    expect(loadConfig(base).deadlines.policy).toEqual(DEFAULT_TIER_DEADLINES);
  });
});
