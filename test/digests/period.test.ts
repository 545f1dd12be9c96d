import { describe, expect, test } from 'vitest';
import { digestPeriod } from '../../src/digests/period.js';
import { parseLocalDate as parseDate } from '../../src/stats/zoned-time.js';

describe('digest periods', () => {
  test('without a date: yesterday, or the last whole Monday-to-Sunday week, in the digest\'s zone', () => {
    // 2026-12-01 00:30 in Shanghai is still 11-30 in UTC: "yesterday" is 11-30 local.
    const now = new Date('2026-11-30T16:30:00Z');
    const day = digestPeriod('daily', 'Asia/Shanghai', now);
    expect(day).toMatchObject({ date: '2026-11-30', lastDate: '2026-11-30' });
    expect(day.start.toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(day.end.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(day.previousStart.toISOString()).toBe('2026-11-28T16:00:00.000Z');
    const week = digestPeriod('weekly', 'Asia/Shanghai', now);
    expect(week).toMatchObject({ date: '2026-11-23', lastDate: '2026-11-29' });
  });

  test('a date inside a week gives that whole week', () => {
    const week = digestPeriod('weekly', 'UTC', new Date('2026-12-20T00:00:00Z'), '2026-12-03');
    expect([week.date, week.lastDate, week.start.toISOString(), week.end.toISOString()])
      .toEqual(['2026-11-30', '2026-12-06', '2026-11-30T00:00:00.000Z', '2026-12-07T00:00:00.000Z']);
  });

  test('a day across a daylight-saving change is 25 or 23 hours long', () => {
    const fallBack = digestPeriod('daily', 'America/New_York', new Date('2026-11-10T00:00:00Z'), '2026-11-01');
    expect(fallBack.start.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect((fallBack.end.getTime() - fallBack.start.getTime()) / 3_600_000).toBe(25);
    const springForward = digestPeriod('daily', 'Europe/Berlin', new Date('2026-04-10T00:00:00Z'), '2026-03-29');
    expect(springForward.start.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect((springForward.end.getTime() - springForward.start.getTime()) / 3_600_000).toBe(23);
  });

  test('only real calendar dates are accepted', () => {
    expect(parseDate('2026-02-29')).toBeNull();
    expect(parseDate('2026-13-01')).toBeNull();
    expect(parseDate('30/11/2026')).toBeNull();
    expect(parseDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
  });
});
