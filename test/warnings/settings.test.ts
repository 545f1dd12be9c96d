// Warning settings: defaults when unset, and a wrong value stops start-up with one line naming it.
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const base = { DATA_DIR: '/tmp/fd-settings', LOG_LEVEL: 'silent', BOT_LANG: 'en' };

describe('warning settings', () => {
  test('defaults', () => {
    const w = loadConfig(base).warnings;
    expect(w.scanCron).toBe('*/5 * * * *');
    expect(w.surge).toMatchObject({ windowMinutes: 60, baselineWeeks: 8, minCounts: [8, 15, 30], ratios: [2, 3, 5], pValue: 0.0001 });
    expect(w.repeat).toEqual({ days: 7, counts: [3, 5, 8] });
    expect(w.safety).toEqual({ count: 3, windowMinutes: 60, words: [] });
  });

  test('values are read, extra safety words split', () => {
    const w = loadConfig({ ...base, WARNINGS_REPEAT_COUNTS: '2, 4, 6', WARNINGS_SAFETY_WORDS: '投诉到底, class action', WARNINGS_SCAN_CRON: '*/10 * * * *' }).warnings;
    expect(w.repeat.counts).toEqual([2, 4, 6]);
    expect(w.safety.words).toEqual(['投诉到底', 'class action']);
    expect(w.scanCron).toBe('*/10 * * * *');
  });

  test.each([
    ['WARNINGS_SURGE_MIN_COUNTS', '30,10,5', 'three ascending numbers'],
    ['WARNINGS_BREACH_RATES', 'high', 'three ascending numbers'],
    ['WARNINGS_SCAN_CRON', 'every five minutes', '5-field cron'],
    ['WARNINGS_SURGE_P_VALUE', '2', ''],
    ['WARNINGS_REPEAT_DAYS', '0', ''],
  ])('%s=%s stops start-up with one line naming it', (name, value, words) => {
    let error: unknown;
    try { loadConfig({ ...base, [name]: value }); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as Error).message.split('\n').filter((l) => l.startsWith('- '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(name);
    expect(lines[0]).toContain(words);
    expect(lines[0]).not.toContain(value === '0' ? 'never' : value);
  });
});
