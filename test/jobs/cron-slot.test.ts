// Which slot a run belongs to, in the job's time zone.
import { describe, expect, test } from 'vitest';
import { CronError, latestSlot, parseCron, slotsBetween } from '../../src/jobs/cron-slot.js';

const at = (iso: string) => new Date(iso);

describe('cron slots', () => {
  test('every five minutes: the newest match at or before now', () => {
    const s = parseCron('*/5 * * * *', 'Asia/Shanghai');
    expect(latestSlot(s, at('2026-12-02T10:07:30Z'))).toEqual(at('2026-12-02T10:05:00Z'));
    expect(latestSlot(s, at('2026-12-02T10:05:00Z'))).toEqual(at('2026-12-02T10:05:00Z'));
  });

  test('a daily 09:00 in Shanghai is 01:00 UTC; before it, the slot is the day before', () => {
    const s = parseCron('0 9 * * *', 'Asia/Shanghai');
    expect(latestSlot(s, at('2026-12-02T03:00:00Z'))).toEqual(at('2026-12-02T01:00:00Z'));
    expect(latestSlot(s, at('2026-12-02T00:59:00Z'))).toEqual(at('2026-12-01T01:00:00Z'));
  });

  test('a weekly Monday 08:30 slot found from the Sunday after', () => {
    const s = parseCron('30 8 * * 1', 'Asia/Shanghai');
    // 2026-12-06 is a Sunday; the Monday before is 2026-11-30, 08:30 Shanghai = 00:30 UTC.
    expect(latestSlot(s, at('2026-12-06T12:00:00Z'))).toEqual(at('2026-11-30T00:30:00Z'));
    expect(slotsBetween(s, at('2026-11-02T00:30:00Z'), at('2026-11-30T00:30:00Z'))).toBe(3);
  });

  test('bad expressions and zones are refused with a reason', () => {
    expect(() => parseCron('every hour', 'UTC')).toThrow(CronError);
    expect(() => parseCron('0 0 * * * *', 'UTC')).toThrow(/5-field/);
    expect(() => parseCron('0 9 * * *', 'Mars/Olympus')).toThrow(/time zone/);
  });

  test('a yearly slot eleven months back is found', () => {
    expect(latestSlot(parseCron('0 0 1 1 *', 'Asia/Shanghai'), at('2026-12-02T00:00:00Z'))).toEqual(at('2025-12-31T16:00:00Z'));
  });
});
