// With an LLM configured, intake sends it masked text only, and a failing endpoint falls back to
// the offline classifier with the reason in the item's audit trail.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { eventsOf } from '../../src/items/items-repo.js';
import { buildTestApp, postFeedback } from '../helpers/test-app.js';

const BASE = 'http://llm.test';
const completion = (content: string) => ({
  id: 'c1', object: 'chat.completion', created: 0, model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
});

describe('intake with the LLM classifier', () => {
  let app: App;
  beforeAll(async () => {
    nock.disableNetConnect();
    app = await buildTestApp('pglite', { env: { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: `${BASE}/v1`, OPENAI_MODEL: 'm', OPENAI_TIMEOUT_MS: '3000' } });
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => { await app.close(); nock.enableNetConnect(); });

  test("the model's answer is stored, and it never sees the customer's phone number", async () => {
    let prompt = '';
    nock(BASE).post('/v1/chat/completions', (body) => ((prompt = JSON.stringify(body)), true))
      .reply(200, completion(JSON.stringify({ kind: 'complaint', topic: 'refund', sentiment: 'negative', score: -0.6, priority: 'general', angry: false })));
    const { id } = (await postFeedback(app, { text: '退款还没到，回电 13912345678', customer: { id: 'c-llm' }, channel: 'chat' })).json();
    expect(prompt).toContain('[PHONE]');
    expect(prompt).not.toContain('13912345678');
    const row = await app.deps.db.selectFrom('feedback').select(['topic', 'classified_via']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ topic: 'refund', classified_via: 'llm' });
  });

  test('a 500 from the endpoint falls back to offline, recorded on the created event', async () => {
    nock(BASE).post('/v1/chat/completions').reply(500, { error: { message: 'boom' } });
    const { id } = (await postFeedback(app, { text: '快递三天没更新物流了', customer: { id: 'c-llm2' }, channel: 'chat' })).json();
    const created = (await eventsOf(app.deps.db, id))[0];
    expect(created.data).toMatchObject({ classifiedVia: 'offline', fallbackReason: 'http_500' });
    const row = await app.deps.db.selectFrom('feedback').select(['topic', 'classified_via']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ topic: 'logistics', classified_via: 'offline' });
  });
});
