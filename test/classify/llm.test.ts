// The LLM path against a fake OpenAI-compatible endpoint: every failure must fall back to the
// offline answer with a reason, promptly.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createClassifier } from '../../src/classify/create-classifier.js';
import { classifyOffline } from '../../src/classify/offline.js';

const BASE = 'http://llm.test';
const llm = { apiKey: 'test-key', baseURL: `${BASE}/v1`, model: 'test-model', timeoutMs: 1000 };
const TEXT = '快递三天没更新物流，到底什么时候到？';

function completion(content: string) {
  return {
    id: 'chatcmpl-1', object: 'chat.completion', created: 0, model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  };
}

const GOOD = { kind: 'complaint', topic: 'logistics', sentiment: 'negative', score: -0.7, priority: 'general', angry: false };

describe('LLM classifier with offline fall-back', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    nock.abortPendingRequests(); // a delayed reply must not land on an aborted request
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());

  test('a valid answer is used, sent as JSON-mode chat completion with the text', async () => {
    let sent: { model: string; response_format: unknown; messages: { role: string; content: string }[] } | undefined;
    const scope = nock(BASE).post('/v1/chat/completions', (body) => ((sent = body), true)).reply(200, completion(JSON.stringify(GOOD)));
    const outcome = await createClassifier({ llm }).classify(TEXT);
    expect(outcome).toEqual({ ...GOOD, via: 'llm' });
    expect(scope.isDone()).toBe(true);
    expect(sent?.model).toBe('test-model');
    expect(sent?.response_format).toEqual({ type: 'json_object' });
    expect(sent?.messages.at(-1)).toEqual({ role: 'user', content: TEXT });
  });

  test.each([
    ['malformed JSON', () => nock(BASE).post('/v1/chat/completions').reply(200, completion('{"kind": "complaint", ')), 'invalid_json'],
    ['a label outside the schema', () => nock(BASE).post('/v1/chat/completions').reply(200, completion(JSON.stringify({ ...GOOD, topic: 'shipping' }))), 'invalid_labels'],
    ['a score outside [-1, 1]', () => nock(BASE).post('/v1/chat/completions').reply(200, completion(JSON.stringify({ ...GOOD, score: 5 }))), 'invalid_labels'],
    ['HTTP 429', () => nock(BASE).post('/v1/chat/completions').reply(429, { error: { message: 'rate limited' } }), 'http_429'],
    ['HTTP 500', () => nock(BASE).post('/v1/chat/completions').reply(500, { error: { message: 'boom' } }), 'http_500'],
    // An endpoint that never answers (a delayed reply landing after the abort trips undici).
    ['a timeout', () => nock(BASE).post('/v1/chat/completions').reply(() => new Promise<never>(() => {})), 'timeout'],
  ])('%s falls back to the offline answer', async (_, setUp, reason) => {
    const scope = setUp();
    const started = Date.now();
    const outcome = await createClassifier({ llm }).classify(TEXT);
    expect(outcome).toEqual({ ...classifyOffline(TEXT), via: 'offline', fallbackReason: reason });
    expect(scope.isDone()).toBe(true); // asked exactly once: the client does not retry
    expect(Date.now() - started).toBeLessThan(3_000); // one timeout at most, no retries
  });

  test('an unreachable endpoint falls back', async () => {
    // No interceptor for this host and real connections disabled: the connection is refused.
    const outcome = await createClassifier({ llm: { ...llm, baseURL: 'http://down.test/v1' } }).classify(TEXT);
    expect(outcome).toMatchObject({ via: 'offline', fallbackReason: 'unreachable' });
  });

  test('custom topic names are valid labels, and their keywords win', async () => {
    const customTopics = [{ name: 'invoice', keywords: ['发票'] }];
    nock(BASE).post('/v1/chat/completions').reply(200, completion(JSON.stringify({ ...GOOD, kind: 'inquiry', topic: 'invoice', priority: 'routine' })));
    expect(await createClassifier({ llm, customTopics }).classify('Can I get a receipt?')).toMatchObject({ topic: 'invoice', via: 'llm' });
    nock(BASE).post('/v1/chat/completions').reply(200, completion(JSON.stringify({ ...GOOD, topic: 'other' })));
    expect(await createClassifier({ llm, customTopics }).classify('发票还没开')).toMatchObject({ topic: 'invoice', via: 'llm' });
  });

  test('an angry answer is routed as urgent', async () => {
    nock(BASE).post('/v1/chat/completions').reply(200, completion(JSON.stringify({ ...GOOD, angry: true })));
    expect(await createClassifier({ llm }).classify(TEXT)).toMatchObject({ angry: true, priority: 'urgent' });
  });

  test('the same text is answered from the cache without a second request', async () => {
    const scope = nock(BASE).post('/v1/chat/completions').once().reply(200, completion(JSON.stringify(GOOD)));
    const classifier = createClassifier({ llm });
    expect(await classifier.classify(TEXT)).toMatchObject({ via: 'llm' });
    expect(await classifier.classify(TEXT)).toMatchObject({ via: 'llm', topic: 'logistics' });
    expect(scope.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  test('a failed answer is not cached: the next call asks again', async () => {
    nock(BASE).post('/v1/chat/completions').reply(500).post('/v1/chat/completions').reply(200, completion(JSON.stringify(GOOD)));
    const classifier = createClassifier({ llm });
    expect(await classifier.classify(TEXT)).toMatchObject({ via: 'offline', fallbackReason: 'http_500' });
    expect(await classifier.classify(TEXT)).toMatchObject({ via: 'llm' });
  });

  test('no more requests in flight than the concurrency setting', async () => {
    let inFlight = 0;
    let peak = 0;
    nock(BASE)
      .post('/v1/chat/completions')
      .times(8)
      .reply(async () => {
        peak = Math.max(peak, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 30));
        inFlight--;
        return [200, completion(JSON.stringify(GOOD))];
      });
    const classifier = createClassifier({ llm: { ...llm, concurrency: 2 } });
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => classifier.classify(`${TEXT} #${i}`)));
    expect(outcomes.every((o) => o.via === 'llm')).toBe(true);
    expect(peak).toBe(2);
  });

  test('without LLM settings the offline classifier answers', async () => {
    expect(await createClassifier().classify(TEXT)).toEqual({ ...classifyOffline(TEXT), via: 'offline' });
  });
});
