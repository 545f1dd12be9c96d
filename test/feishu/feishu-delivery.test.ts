// Sending to Feishu through the SDK's client against the fake open API: Feishu's failures become
// the PlatformError codes the delivery worker acts on (rate limits with their wait, permanent
// refusals, auth), an invalid tenant token is replaced once, and each adapter keeps its own token.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { PlatformError, type ChatAdapter } from '../../adapters/chat-adapter.js';
import { createFeishuAdapter, type FeishuConfig } from '../../adapters/feishu/index.js';
import type { Card } from '../../cards/card.js';
import { startFakeFeishu, type FakeFeishu } from './fake-feishu.js';
import { cardOf } from './feishu-app.js';
import { ENCRYPT_KEY, VERIFICATION_TOKEN } from './feishu-requests.js';

const chat = { platform: 'feishu' as const, chatId: 'oc_feedback' };
const card: Card = { title: 'FB-7', tone: 'info', fallback: 'x', body: [{ type: 'text', text: 'Parcel lost' }] };
let seq = 0;

function adapterFor(fake: FakeFeishu, appId = `cli_delivery_${++seq}`): ChatAdapter {
  const config: FeishuConfig = { appId, appSecret: 's', encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, domain: fake.url, adminOpenIds: [] };
  return createFeishuAdapter(config, { workingText: 'working', doneText: 'done' });
}

async function failure(work: Promise<unknown>): Promise<PlatformError> {
  try { await work; } catch (error) { if (error instanceof PlatformError) return error; throw error; }
  throw new Error('expected a PlatformError');
}

describe('Feishu delivery', () => {
  let fake: FakeFeishu;
  let adapter: ChatAdapter;
  beforeAll(async () => { fake = await startFakeFeishu(); });
  afterAll(async () => { await fake.close(); });
  beforeEach(() => { adapter = adapterFor(fake); });

  test('a card goes out with a tenant token, its idempotency key as uuid, and a retry with the same key lands on the same message', async () => {
    const first = await adapter.send(chat, { card, readOnly: false }, 'outbox:42');
    const again = await adapter.send(chat, { card, readOnly: false }, 'outbox:42');
    expect(again.messageRef).toBe(first.messageRef);
    const call = fake.callsOf('create').at(-1)!;
    expect(call.body.uuid).toBe('outbox:42');
    expect(call.auth).toMatch(/^Bearer t-test-\d+$/);
    expect(cardOf(call).config.update_multi).toBe(true);
  });

  test('an idempotency key longer than Feishu\'s 50 characters is hashed to fit', async () => {
    await adapter.send(chat, { card, readOnly: false }, `card.post:${'x'.repeat(80)}`);
    expect(fake.callsOf('create').at(-1)!.body.uuid).toHaveLength(50);
  });

  test('the gateway\'s 429 is a rate limit with the wait from x-ogw-ratelimit-reset', async () => {
    fake.script('create', { status: 429, body: { code: 99991400, msg: 'request trigger frequency limit' }, headers: { 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': '7' } });
    const error = await failure(adapter.send(chat, { card, readOnly: false }, 'k-429'));
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 7000 });
  });

  test('230020 (5 per second per chat or per message) and 99991400 on HTTP 400 are rate limits too', async () => {
    fake.script('patch', { status: 400, body: { code: 230020, msg: 'This operation triggers the frequency limit.' } });
    expect(await failure(adapter.update({ ...chat, messageRef: 'om_1' }, { card, readOnly: false }))).toMatchObject({ code: 'rate_limited' });
    fake.script('create', { status: 400, body: { code: 99991400, msg: 'request trigger frequency limit' } });
    expect(await failure(adapter.send(chat, { text: 'hi' }, 'k-400'))).toMatchObject({ code: 'rate_limited' });
  });

  test('an invalid tenant token (99991663) is dropped and the call retried once with a new one', async () => {
    await adapter.send(chat, { text: 'warm up' }, 'k-warm');
    const tokensBefore = fake.tokens.length;
    fake.revoke();
    const sent = await adapter.send(chat, { text: 'after revoke' }, 'k-revoked');
    expect(sent.messageRef).toMatch(/^om_/);
    expect(fake.tokens.length).toBe(tokensBefore + 1);
    expect(fake.callsOf('create').at(-1)!.auth).toBe(`Bearer ${fake.tokens.at(-1)}`);
  });

  test('a token error that persists is auth_failed after one retry, not a loop', async () => {
    fake.script('create', { status: 400, body: { code: 99991663, msg: 'invalid token' } }, 2);
    const calls = fake.callsOf('create').length;
    expect(await failure(adapter.send(chat, { text: 'x' }, 'k-auth'))).toMatchObject({ code: 'auth_failed' });
    expect(fake.callsOf('create').length).toBe(calls + 2);
  });

  test('a wrong app secret is auth_failed', async () => {
    fake.script('token', { status: 200, body: { code: 10014, msg: 'app secret invalid' } });
    expect(await failure(adapterFor(fake).send(chat, { text: 'x' }, 'k-secret'))).toMatchObject({ code: 'auth_failed' });
  });

  test('permanent refusals (bot not in the chat, card build failed, message too old) are rejected, tried once', async () => {
    const calls = fake.callsOf('create').length;
    fake.script('create', { status: 400, body: { code: 230002, msg: 'Bot/User can NOT be out of the chat.' } });
    expect(await failure(adapter.send(chat, { card, readOnly: false }, 'k-out'))).toMatchObject({ code: 'rejected' });
    expect(fake.callsOf('create').length).toBe(calls + 1);
    fake.script('create', { status: 200, body: { code: 230099, msg: 'Failed to create card content' } });
    expect(await failure(adapter.send(chat, { card, readOnly: false }, 'k-card'))).toMatchObject({ code: 'rejected' });
    fake.script('patch', { status: 400, body: { code: 230031, msg: 'The message is too old to update' } });
    expect(await failure(adapter.update({ ...chat, messageRef: 'om_old' }, { card, readOnly: false }))).toMatchObject({ code: 'rejected' });
  });

  test('Feishu unreachable or failing with 5xx is worth another try later', async () => {
    fake.script('create', { status: 503, body: { code: 1, msg: 'busy' } });
    expect(await failure(adapter.send(chat, { text: 'x' }, 'k-503'))).toMatchObject({ code: 'unreachable' });
    const dead = createFeishuAdapter({ appId: 'cli_dead', appSecret: 's', encryptKey: 'k', verificationToken: 't', domain: 'http://127.0.0.1:9', adminOpenIds: [] }, { workingText: '', doneText: '' });
    expect(await failure(dead.send(chat, { text: 'x' }, 'k-dead'))).toMatchObject({ code: 'unreachable' });
  });

  test('each adapter keeps its own token cache: the same app id against another server fetches its own token', async () => {
    const other = await startFakeFeishu();
    try {
      await adapterFor(fake, 'cli_shared_id').send(chat, { text: 'a' }, 'k-a');
      await adapterFor(other, 'cli_shared_id').send(chat, { text: 'b' }, 'k-b');
      expect(other.callsOf('token')).toHaveLength(1);
      expect(other.callsOf('create')[0]!.auth).toBe(`Bearer ${other.tokens[0]}`);
    } finally {
      await other.close();
    }
  });

  test('escalation pings @-mention with <at user_id>; a direct ping goes to the person\'s open_id', async () => {
    expect(adapter.mention!({ platform: 'feishu', userId: 'ou_boss' })).toBe('<at user_id="ou_boss"></at>');
    await adapter.send(chat, { text: 'Escalated FB-7', mentions: [{ platform: 'feishu', userId: 'ou_boss' }] }, 'k-ping');
    expect(JSON.parse(fake.callsOf('create').at(-1)!.body.content).text).toContain('<at user_id="ou_boss"></at>');
    await adapter.ping!({ platform: 'feishu', userId: 'ou_boss' }, 'FB-7 is overdue');
    const dm = fake.callsOf('create').at(-1)!;
    expect(dm.query.get('receive_id_type')).toBe('open_id');
    expect(dm.body.receive_id).toBe('ou_boss');
  });

  test('a picture is uploaded with im.v1.image.create and posted as an image message', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const sent = await adapter.uploadImage!(chat, { bytes: png, filename: 'digest.png', comment: 'Today' });
    expect(fake.callsOf('image')).toHaveLength(1);
    expect(String(fake.callsOf('image')[0]!.body)).toContain('name="image_type"');
    const image = fake.callsOf('create').find((c) => c.body.msg_type === 'image')!;
    expect(JSON.parse(image.body.content)).toEqual({ image_key: expect.stringMatching(/^img_v3_test_\d+$/) });
    expect(sent.messageRef).toMatch(/^om_/);
  });
});
