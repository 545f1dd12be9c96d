// The WeCom API client against the fake: one token for many calls (one fetch for concurrent
// callers), one refetch when WeCom revokes it, and WeCom's errcodes as the delivery worker needs them.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PlatformError } from '../../adapters/chat-adapter.js';
import { createWecomClient } from '../../adapters/wecom/client.js';
import { CORP_ID, CORP_SECRET, startFakeWecom, type FakeWecom } from './fake-wecom.js';

describe('WeCom API client', () => {
  let fake: FakeWecom;
  beforeAll(async () => { fake = await startFakeWecom(); });
  afterAll(async () => { await fake.close(); });
  const client = (now?: () => number) => createWecomClient({ apiBase: fake.apiBase, corpId: CORP_ID, secret: CORP_SECRET, ...(now ? { now } : {}) });
  const failure = async (call: Promise<unknown>) => {
    const error = await call.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    const { code, retryAfterMs } = error as PlatformError;
    return { code, retryAfterMs };
  };
  const send = (c: ReturnType<typeof client>) => c.post('message/send', { touser: 'LiWei', msgtype: 'text', agentid: 1, text: { content: 'hi' } });

  test('ten concurrent calls share one access_token fetch', async () => {
    const before = fake.callsOf('gettoken').length;
    const c = client();
    await Promise.all(Array.from({ length: 10 }, () => send(c)));
    expect(fake.callsOf('gettoken').length - before).toBe(1);
  });

  test('the token is refreshed before it expires, not after', async () => {
    let clock = 0;
    const c = client(() => clock);
    await send(c);
    const before = fake.callsOf('gettoken').length;
    clock = (7200 - 6 * 60) * 1000;
    await send(c);
    expect(fake.callsOf('gettoken').length).toBe(before);
    clock = (7200 - 4 * 60) * 1000;
    await send(c);
    expect(fake.callsOf('gettoken').length).toBe(before + 1);
  });

  test('42001 or 40014: the token is fetched again once and the call retried once', async () => {
    const c = client();
    await send(c);
    fake.failNext('message/send', { errcode: 42001 });
    const before = fake.callsOf('gettoken').length;
    await expect(send(c)).resolves.toMatchObject({ errcode: 0 });
    expect(fake.callsOf('gettoken').length).toBe(before + 1);
    fake.failNext('message/send', { errcode: 40014 }, 2);
    expect(await failure(send(c))).toEqual({ code: 'auth_failed', retryAfterMs: undefined });
  });

  test.each([
    [45009, 'rate_limited', 60_000],
    [45033, 'rate_limited', 2_000],
    [-1, 'unreachable', 2_000],
    [60020, 'auth_failed', undefined],
    [81013, 'rejected', undefined],
  ])('errcode %s is %s', async (errcode, code, retryAfterMs) => {
    const c = client();
    fake.failNext('message/send', { errcode });
    expect(await failure(send(c))).toEqual({ code, retryAfterMs });
  });

  test('HTTP 429 and 500 from the gateway are rate_limited and unreachable', async () => {
    const c = client();
    fake.failNext('message/send', { status: 429 });
    expect((await failure(send(c))).code).toBe('rate_limited');
    fake.failNext('message/send', { status: 500 });
    expect((await failure(send(c))).code).toBe('unreachable');
  });

  test('a wrong secret is auth_failed, and the robot webhook needs no token', async () => {
    const wrong = createWecomClient({ apiBase: fake.apiBase, corpId: CORP_ID, secret: 'not-the-secret-000000' });
    expect((await failure(send(wrong))).code).toBe('auth_failed');
    const before = fake.callsOf('gettoken').length;
    await expect(wrong.robot('robot-key', { msgtype: 'text', text: { content: 'hi' } })).resolves.toMatchObject({ errcode: 0 });
    expect(fake.callsOf('gettoken').length).toBe(before);
  });

  test('media/upload sends the picture as multipart field "media"', async () => {
    const form = new FormData();
    form.append('media', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], { type: 'image/png' }), 'chart.png');
    const answer = await client().upload('image', form);
    expect(answer.media_id).toMatch(/^media-/);
    const call = fake.callsOf('media/upload').at(-1)!;
    expect(call.query.type).toBe('image');
    expect(call.body.multipart).toMatch(/name="media"; filename="chart.png"/);
  });
});
