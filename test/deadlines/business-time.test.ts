// Working-time arithmetic in Asia/Shanghai with China's calendar: weekends, public holidays and
// make-up workdays (调休), from the chinese-days data; an operator's dated file on top.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { addWorkingMinutes, workingMinutesBetween, WALL_CLOCK, zonedToUtc, type BusinessHours } from '../../src/domain/business-time.js';
import { deadlinesForTier, DEFAULT_TIER_DEADLINES } from '../../src/domain/deadlines.js';
import { HolidayFileError, loadHolidayCalendar } from '../../src/deadlines/holiday-calendar.js';

const cn = loadHolidayCalendar('cn');
const office: BusinessHours = { kind: 'business', timeZone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 18 * 60, calendar: cn };
/** Shanghai wall time → instant ("2026-03-06 17:00" is 09:00Z). */
const sh = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`);
const iso = (d: Date) => d.toISOString();

describe('working time', () => {
  test('two working hours from Friday 17:00 end on Monday 10:00: the weekend does not count', () => {
    expect(iso(addWorkingMinutes(office, sh('2026-03-06 17:00'), 120))).toBe(iso(sh('2026-03-09 10:00')));
    expect(workingMinutesBetween(office, sh('2026-03-06 17:00'), sh('2026-03-09 10:00'))).toBe(120);
  });

  test('a make-up Saturday (调休, 2026-02-14) is worked; the Spring Festival days after it are not', () => {
    // Friday 13 February 17:30 + 1 h: half an hour on Friday, half an hour on the make-up Saturday.
    expect(iso(addWorkingMinutes(office, sh('2026-02-13 17:30'), 60))).toBe(iso(sh('2026-02-14 09:30')));
    // From the make-up Saturday 17:00, 2 h: 1 h that day, then 15-23 February are holidays (Monday 16 to 23 included).
    expect(iso(addWorkingMinutes(office, sh('2026-02-14 17:00'), 120))).toBe(iso(sh('2026-02-24 10:00')));
    // The same Saturday counts nothing when the calendar is left out.
    const plain = { ...office, calendar: loadHolidayCalendar('none') };
    expect(iso(addWorkingMinutes(plain, sh('2026-02-13 17:30'), 60))).toBe(iso(sh('2026-02-16 09:30')));
  });

  test('National Day: from 30 September 17:00, 3 working hours end on 8 October; the make-up Saturday 10 October is worked', () => {
    expect(iso(addWorkingMinutes(office, sh('2026-09-30 17:00'), 180))).toBe(iso(sh('2026-10-08 11:00')));
    expect(workingMinutesBetween(office, sh('2026-10-01 00:00'), sh('2026-10-08 00:00'))).toBe(0);
    expect(workingMinutesBetween(office, sh('2026-10-10 08:00'), sh('2026-10-10 20:00'))).toBe(540);
  });

  test('time before opening starts at opening; a start on a closed evening waits for the next working morning', () => {
    expect(iso(addWorkingMinutes(office, sh('2026-03-09 07:00'), 30))).toBe(iso(sh('2026-03-09 09:30')));
    expect(iso(addWorkingMinutes(office, sh('2026-03-09 19:00'), 30))).toBe(iso(sh('2026-03-10 09:30')));
    expect(workingMinutesBetween(office, sh('2026-03-09 19:00'), sh('2026-03-10 09:00'))).toBe(0);
    expect(workingMinutesBetween(office, sh('2026-03-10 10:00'), sh('2026-03-09 17:00'))).toBe(-120);
  });

  test('round the clock, a minute is a minute', () => {
    expect(iso(addWorkingMinutes(WALL_CLOCK, sh('2026-03-07 23:00'), 120))).toBe(iso(sh('2026-03-08 01:00')));
    expect(workingMinutesBetween(WALL_CLOCK, sh('2026-03-07 23:00'), sh('2026-03-08 01:00'))).toBe(120);
  });

  test('a zone with daylight saving keeps its local hours on the day the clocks change', () => {
    expect(new Date(zonedToUtc(2026, 3, 8, 9 * 60, 'America/New_York')).toISOString()).toBe('2026-03-08T13:00:00.000Z');
    expect(new Date(zonedToUtc(2026, 3, 7, 9 * 60, 'America/New_York')).toISOString()).toBe('2026-03-07T14:00:00.000Z');
  });

  test('a calendar with no working day at all is a fault, not an endless loop', () => {
    expect(() => addWorkingMinutes({ ...office, days: [] , calendar: loadHolidayCalendar('none') }, sh('2026-03-09 09:00'), 60)).toThrow(RangeError);
  });
});

describe('deadlines by priority and tier, in working time', () => {
  test('a VIP urgent item gets 15 minutes; a standard one 30; enterprise 20', () => {
    const start = sh('2026-03-09 10:00');
    expect(iso(deadlinesForTier('urgent', 'vip', start).responseDueAt)).toBe(iso(sh('2026-03-09 10:15')));
    expect(iso(deadlinesForTier('urgent', 'standard', start).responseDueAt)).toBe(iso(sh('2026-03-09 10:30')));
    expect(iso(deadlinesForTier('urgent', 'enterprise', start).responseDueAt)).toBe(iso(sh('2026-03-09 10:20')));
  });

  test('a general item arriving Friday 17:00 is due Monday 10:00 with business hours, Friday 19:00 without', () => {
    const start = sh('2026-03-06 17:00');
    expect(iso(deadlinesForTier('general', 'standard', start, DEFAULT_TIER_DEADLINES, office).responseDueAt)).toBe(iso(sh('2026-03-09 10:00')));
    expect(iso(deadlinesForTier('general', 'standard', start).responseDueAt)).toBe(iso(sh('2026-03-06 19:00')));
  });
});

describe('the holiday file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fd-holidays-'));
  const write = (name: string, body: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
    return path;
  };

  test("adds a year the package does not know, and corrects the package's dates", () => {
    const file = write('2027.json', { updated: '2026-11-20', source: 'State Council notice', holidays: ['2027-01-01', '2026-03-09'], workdays: ['2027-02-06'] });
    const calendar = loadHolidayCalendar('cn', file);
    expect(calendar.lastYear).toBe(2027);
    expect(calendar.fileUpdated).toBe('2026-11-20');
    const hours = { ...office, calendar };
    // Friday 31 December 2026 17:00 + 2 h: New Year's Day 2027 is off, then the weekend.
    expect(iso(addWorkingMinutes(hours, sh('2026-12-31 17:00'), 120))).toBe(iso(sh('2027-01-04 10:00')));
    // The file made Monday 9 March 2026 a holiday.
    expect(iso(addWorkingMinutes(hours, sh('2026-03-06 17:00'), 120))).toBe(iso(sh('2026-03-10 10:00')));
    // And Saturday 6 February 2027 a make-up workday.
    expect(workingMinutesBetween(hours, sh('2027-02-06 00:00'), sh('2027-02-07 00:00'))).toBe(540);
  });

  test('a missing, broken or wrongly shaped file is refused with the reason', () => {
    expect(() => loadHolidayCalendar('cn', join(dir, 'nope.json'))).toThrow(HolidayFileError);
    expect(() => loadHolidayCalendar('cn', write('broken.json', '{'))).toThrow(/not JSON/);
    expect(() => loadHolidayCalendar('cn', write('shape.json', { updated: '2026-11-20', holidays: ['2027-13-01'] }))).toThrow(/holidays\.0/);
    expect(() => loadHolidayCalendar('cn', write('undated.json', { holidays: [] }))).toThrow(/updated/);
  });
});
