import { describe, expect, test } from 'vitest';
import { DEFAULT_DEADLINES, deadlinesFor, type DeadlinePolicy } from '../../src/domain/deadlines.js';

const created = new Date('2025-03-03T01:00:00Z');

describe('deadlinesFor', () => {
  test.each([
    ['urgent', '2025-03-03T01:30:00.000Z', '2025-03-04T01:00:00.000Z'], // 30 min / 24 h
    ['general', '2025-03-03T03:00:00.000Z', '2025-03-06T01:00:00.000Z'], // 2 h / 72 h
    ['routine', '2025-03-04T01:00:00.000Z', '2025-03-10T01:00:00.000Z'], // 24 h / 7 days
  ] as const)('%s by the default policy', (priority, response, resolve) => {
    const due = deadlinesFor(priority, created);
    expect(due.responseDueAt.toISOString()).toBe(response);
    expect(due.resolveDueAt.toISOString()).toBe(resolve);
  });

  test('the default policy, in minutes', () => {
    expect(DEFAULT_DEADLINES).toEqual({
      urgent: { responseMinutes: 30, resolveMinutes: 1440 },
      general: { responseMinutes: 120, resolveMinutes: 4320 },
      routine: { responseMinutes: 1440, resolveMinutes: 10080 },
    });
    expect(Object.isFrozen(DEFAULT_DEADLINES)).toBe(true);
  });

  test('a configured policy replaces the default', () => {
    const policy: DeadlinePolicy = { ...DEFAULT_DEADLINES, urgent: { responseMinutes: 15, resolveMinutes: 240 } };
    const due = deadlinesFor('urgent', created, policy);
    expect(due.responseDueAt.toISOString()).toBe('2025-03-03T01:15:00.000Z');
    expect(due.resolveDueAt.toISOString()).toBe('2025-03-03T05:00:00.000Z');
  });

  test('createdAt is not changed and the results are new dates', () => {
    const before = created.getTime();
    const due = deadlinesFor('general', created);
    expect(created.getTime()).toBe(before);
    expect(due.responseDueAt).not.toBe(created);
  });

  test('a nonsensical policy is a fault, not a silently wrong deadline', () => {
    const bad: DeadlinePolicy = { ...DEFAULT_DEADLINES, routine: { responseMinutes: -5, resolveMinutes: 60 } };
    expect(() => deadlinesFor('routine', created, bad)).toThrow(RangeError);
    const nan: DeadlinePolicy = { ...DEFAULT_DEADLINES, general: { responseMinutes: 60, resolveMinutes: Number.NaN } };
    expect(() => deadlinesFor('general', created, nan)).toThrow(/general\.resolveMinutes/);
  });
});
