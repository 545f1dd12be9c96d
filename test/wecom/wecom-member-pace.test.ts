// The per-member pace against WeCom's documented limits (30 a minute, 1000 an hour to one member):
// sending as fast as the pace allows, for hours, never puts more in any minute or any hour.
import { describe, expect, test } from 'vitest';
import { afterSend, earliestSend, MEMBER_PACE, type MemberPaceState } from '../../adapters/wecom/member-pace.js';

/** The most sends in any window of `ms` (both ends included), by a sliding scan over sorted times. */
function most(times: number[], ms: number): number {
  let best = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! > ms) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

function greedy(count: number, start = 0, arrivals = (n: number) => start + n * 10): number[] {
  let state: MemberPaceState = { recent: [], tat: 0 };
  const sent: number[] = [];
  for (let n = 0; n < count; n++) {
    const at = earliestSend(state, Math.max(arrivals(n), sent.at(-1) ?? 0));
    sent.push(at);
    state = afterSend(state, at);
  }
  return sent;
}

describe('WeCom per-member pace', () => {
  test('as fast as allowed for three hours: at most 30 in any minute and 1000 in any hour', () => {
    const sent = greedy(3000, 1_700_000_000_000);
    expect(most(sent, 60_000)).toBeLessThanOrEqual(30);
    expect(most(sent, 3_600_000)).toBeLessThanOrEqual(1000);
    // And not needlessly slow: about 970 an hour once the burst is spent.
    expect(most(sent, 3_600_000)).toBeGreaterThan(950);
  });

  test('a quiet member gets a burst at once, then one about every 3.7 s', () => {
    const sent = greedy(30, 0, () => 0);
    const burst = sent.filter((t) => t === 0).length;
    expect(burst).toBe(Math.floor(MEMBER_PACE.hourBurstMs / MEMBER_PACE.hourIntervalMs) + 1);
    expect(sent[burst + 2]! - sent[burst + 1]!).toBeCloseTo(MEMBER_PACE.hourIntervalMs, 0);
  });

  test('bursty arrivals (40 at once every two minutes) stay within both limits', () => {
    const sent = greedy(2000, 0, (n) => Math.floor(n / 40) * 120_000);
    expect(most(sent, 60_000)).toBeLessThanOrEqual(30);
    expect(most(sent, 3_600_000)).toBeLessThanOrEqual(1000);
  });
});
