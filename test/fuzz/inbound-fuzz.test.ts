// Thousands of generated hostile requests at every inbound endpoint (intake single and batch, the
// local API, the ops routes, Slack events): not one 5xx, and the heap stays flat. A failure lists
// the requests that caused it; `npm run fuzz` runs the same generator 100,000 times.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { databases } from '../helpers/test-database.js';
import { INTAKE_SECRET, TEAM, buildTestApp } from '../helpers/test-app.js';
import { LOCAL_ROOMS } from '../../adapters/local/rooms.js';
import { runFuzz } from './run-fuzz.js';
import { startFakeSlackApi } from './fake-slack-api.js';

const REQUESTS = 2000;
const SLACK_SIGNING_SECRET = 'fuzz-slack-signing-secret-0123456789';
/** Heap growth allowed between the warm point and the end, after full collections. */
const MAX_HEAP_GROWTH = 16 * 1024 * 1024;

describe.each(databases)('%s: fuzzing every inbound endpoint', (kind) => {
  let app: App;
  let slackApi: Awaited<ReturnType<typeof startFakeSlackApi>>;
  beforeAll(async () => {
    slackApi = await startFakeSlackApi();
    app = await buildTestApp(kind, { env: { SLACK_BOT_TOKEN: 'xoxb-fuzz', SLACK_SIGNING_SECRET, SLACK_API_URL: slackApi.url } });
  });
  afterAll(async () => {
    await app.close();
    await slackApi.close();
  });

  test(`${REQUESTS} generated requests: no 5xx, every endpoint reached, a flat heap`, async () => {
    const report = await runFuzz(app, {
      count: REQUESTS, seed: 20261202,
      target: { intakeSecret: INTAKE_SECRET, slackSigningSecret: SLACK_SIGNING_SECRET, now: () => new Date(), actors: TEAM.map((a) => a.id), rooms: LOCAL_ROOMS.map((r) => r.chatId) },
    });
    expect(report.serverErrors).toEqual([]);
    expect(Object.keys(report.byEndpoint).sort()).toEqual(['intake', 'intake batch', 'local actions', 'local commands', 'local lists', 'local messages', 'ops', 'slack events']);
    // The generator reaches past the checks too: items are stored, and refusals of every kind are seen.
    expect(report.byEndpoint.intake?.[202]).toBeGreaterThan(50);
    for (const status of [400, 401, 413, 415, 422]) expect(report.byStatus[status]).toBeGreaterThan(0);
    expect(report.heapEnd - report.heapWarm).toBeLessThan(MAX_HEAP_GROWTH);
    console.log(`${kind}: ${report.requests} requests in ${report.seconds.toFixed(1)} s, by status ${JSON.stringify(report.byStatus)}, heap ${(report.heapWarm / 1e6).toFixed(1)} → ${(report.heapEnd / 1e6).toFixed(1)} MB`);
  }, 600_000);
});
