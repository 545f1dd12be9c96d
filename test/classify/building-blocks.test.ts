import { describe, expect, test } from 'vitest';
import { LruCache } from '../../src/classify/lru-cache.js';
import { normalizeText } from '../../src/classify/normalize.js';
import { createSemaphore } from '../../src/classify/semaphore.js';

describe('normalizeText', () => {
  test('folds traditional to simplified, full-width to ASCII and case', () => {
    expect(normalizeText('帳號被盜用了！ＡＢＣ')).toBe('账号被盗用了!abc');
  });
});

describe('LruCache', () => {
  test('evicts the least recently used entry', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.size).toBe(2);
  });
});

describe('createSemaphore', () => {
  test('never runs more than the limit at once and releases on failure', async () => {
    const limiter = createSemaphore(2);
    let active = 0;
    let peak = 0;
    const task = (fail: boolean) =>
      limiter.run(async () => {
        peak = Math.max(peak, ++active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        if (fail) throw new Error('boom');
        return 1;
      });
    const results = await Promise.allSettled(Array.from({ length: 7 }, (_, i) => task(i % 3 === 0)));
    expect(peak).toBe(2);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
  });
});
