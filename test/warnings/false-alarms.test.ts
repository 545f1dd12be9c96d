// A simulated normal month stays quiet: twelve weeks of generated traffic (quiet nights, busy
// days, weekends lighter, a sale day five times as busy), scanned through the last four weeks as
// the job would. Every signal is evaluated each time; none may raise a warning.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { scanWarnings } from '../../src/warnings/scan.js';
import { buildTestApp } from '../helpers/test-app.js';
import { databases } from '../helpers/test-database.js';
import { insertItems, normalTraffic } from './traffic.js';

const END = new Date('2026-11-30T16:00:00Z'); // Tuesday 00:00 in Shanghai
const WEEKS = 12;
const START = new Date(END.getTime() - WEEKS * 7 * 86_400_000);
// 11 November in Shanghai, five times as busy all day.
const SALE_FROM = new Date('2026-11-10T16:00:00Z');
const SALE_TO = new Date('2026-11-11T16:00:00Z');

describe.each(databases)('%s: no false alarms on a normal month', (kind) => {
  let app: App;
  let now = START;
  beforeAll(async () => {
    app = await buildTestApp(kind, { clock: { now: () => now } });
    const items = normalTraffic(START, WEEKS * 7 * 24, 2026, (at) => (at >= SALE_FROM && at < SALE_TO ? 5 : 1));
    await insertItems(app.deps.db, items);
  }, 180_000);
  afterAll(async () => app?.close());

  test('four weeks scanned every three hours, a sale day among them, raise no warning', async () => {
    const scans: string[] = [];
    for (let t = END.getTime() - 28 * 86_400_000; t <= END.getTime(); t += 3 * 3_600_000 + 7 * 60_000) {
      now = new Date(t);
      const result = await scanWarnings(app.deps, now);
      if (result.opened.length > 0) scans.push(now.toISOString());
    }
    const raised = await app.deps.db.selectFrom('warnings').select(['key', 'level', 'opened_at', 'evidence']).execute();
    expect(raised.map((w) => `${w.key} ${w.level} ${w.opened_at.toISOString()} ${JSON.stringify(w.evidence).slice(0, 200)}`)).toEqual([]);
    expect(scans).toEqual([]);
  }, 600_000);

  test('the same month with one hour of 40 extra refund complaints raises exactly that surge', async () => {
    const at = new Date('2026-11-25T06:00:00Z'); // a Wednesday afternoon
    await insertItems(app.deps.db, Array.from({ length: 40 }, (_, i) => ({ at: new Date(at.getTime() + i * 60_000), topic: 'refund', kind: 'complaint', sentiment: 'negative', customer: `c-refund-${i}`, text: `退款三周还没到 ${i}` })));
    now = new Date(at.getTime() + 45 * 60_000);
    await scanWarnings(app.deps, now);
    const raised = await app.deps.db.selectFrom('warnings').select(['key', 'level']).execute();
    expect(raised.map((w) => w.key)).toContain('surge:topic:refund');
    expect(raised.filter((w) => w.key.startsWith('surge:topic:') && w.key !== 'surge:topic:refund')).toEqual([]);
  }, 120_000);
});
