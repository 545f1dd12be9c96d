// Generated hostile requests at /wecom/callback (wecom-callback-requests.ts): not one 5xx, every
// kind of refusal seen, valid callbacks still acted on, and the heap stays flat.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { databases } from '../helpers/test-database.js';
import { INTAKE_SECRET, postFeedback } from '../helpers/test-app.js';
import { startFakeWecom, CORP_ID, type FakeWecom } from '../wecom/fake-wecom.js';
import { buildWecomApp } from '../wecom/wecom-app.js';
import { AES_KEY, AGENT_ID, TOKEN } from '../wecom/wecom-requests.js';
import { runFuzz } from './run-fuzz.js';
import { wecomCallbackRequest } from './wecom-callback-requests.js';

const REQUESTS = 1500;
const MAX_HEAP_GROWTH = 16 * 1024 * 1024;

describe.each(databases)('%s: fuzzing the WeCom callback', (kind) => {
  let app: App;
  let fake: FakeWecom;
  const itemIds: string[] = [];
  beforeAll(async () => {
    fake = await startFakeWecom();
    ({ app } = await buildWecomApp(kind, { fake }));
    for (let i = 0; i < 5; i++) itemIds.push((await postFeedback(app, { text: `Fuzz target item ${i}: parcel late`, customer: { id: `c-fz-${i}` }, channel: 'chat' })).json().id);
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  test(`${REQUESTS} generated callbacks: no 5xx, refusals of every kind, valid ones acted on, a flat heap`, async () => {
    const target = { token: TOKEN, aesKey: AES_KEY, corpId: CORP_ID, agentId: AGENT_ID, now: () => new Date(), users: ['LiWei', 'WangFang', 'ZhangMin', 'BossAdmin', 'Stranger'], itemIds: () => itemIds };
    const report = await runFuzz(app, {
      count: REQUESTS, seed: 20261203,
      target: { intakeSecret: INTAKE_SECRET, now: () => new Date(), actors: [], rooms: [] },
      generate: (rng, serial) => wecomCallbackRequest(rng, target, serial),
    });
    if (report.serverErrors.length) console.log(JSON.stringify(report.serverErrors.map((e) => ({ url: e.request.url.slice(0, 200), status: e.status, body: e.body, payload: Buffer.from(e.request.payload ?? '', 'base64').toString('utf8').slice(0, 300) })), null, 1));
    expect(report.serverErrors).toEqual([]);
    const statuses = report.byEndpoint['wecom callback'] ?? {};
    for (const status of [200, 400, 401, 413]) expect({ status, seen: (statuses[status] ?? 0) > 0 }).toEqual({ status, seen: true });
    // Well-formed clicks got through to the desk: some of the items were claimed.
    const claimed = await app.deps.db.selectFrom('feedback_events').select('feedback_id').where('type', '=', 'claimed').where('feedback_id', 'in', itemIds).execute();
    expect(claimed.length).toBeGreaterThan(0);
    expect(report.heapEnd - report.heapWarm).toBeLessThan(MAX_HEAP_GROWTH);
    console.log(`${kind}: ${report.requests} WeCom callbacks in ${report.seconds.toFixed(1)} s, by status ${JSON.stringify(statuses)}, heap ${(report.heapWarm / 1e6).toFixed(1)} → ${(report.heapEnd / 1e6).toFixed(1)} MB`);
  }, 600_000);
});
