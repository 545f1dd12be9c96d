// Feishu requests are verified before anything is read from them: the signature over the raw
// body, a 5-minute window, decryption with the Encrypt Key, the verification token inside. The
// URL check is answered with its challenge; Feishu's retries of one event have one effect.
import * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decryptFeishu, verifyFeishuRequest } from '../../adapters/feishu/verify.js';
import type { App } from '../../src/app.js';
import { databases } from '../helpers/test-database.js';
import type { FakeFeishu } from './fake-feishu.js';
import { buildFeishuApp, waitFor } from './feishu-app.js';
import { encrypt, ENCRYPT_KEY, messageEvent, sign, signedBody, signedRequest, urlVerification, VERIFICATION_TOKEN } from './feishu-requests.js';

describe('Feishu encryption and signature, as the docs define them', () => {
  test('what the tests encrypt, the SDK\'s own AESCipher decrypts to the same text, and so does the adapter', () => {
    const plain = JSON.stringify({ schema: '2.0', text: '统计 今日 🚀', n: 1 });
    const encrypted = encrypt(plain);
    expect(new lark.AESCipher(ENCRYPT_KEY).decrypt(encrypted)).toBe(plain);
    expect(decryptFeishu(encrypted, ENCRYPT_KEY)).toBe(plain);
  });

  test('the doc\'s example decrypts: key "test key", encrypted "hello world"', () => {
    // From the Feishu "Encrypt Key" guide (event subscription, decrypting the body).
    expect(decryptFeishu('P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=', 'test key')).toBe('hello world');
  });

  test('a body that is not ours does not decrypt: wrong key, bad base64, truncated', () => {
    const encrypted = encrypt('{"a":1}');
    expect(decryptFeishu(encrypted, 'another key')).toBeNull();
    expect(decryptFeishu('%%%not base64%%%', ENCRYPT_KEY)).toBeNull();
    expect(decryptFeishu(encrypted.slice(0, 20), ENCRYPT_KEY)).toBeNull();
  });

  test('the signature covers timestamp, nonce, key and the exact body bytes', () => {
    const now = new Date();
    const body = JSON.stringify({ encrypt: encrypt(JSON.stringify({ schema: '2.0', header: { token: VERIFICATION_TOKEN } })) });
    const ts = String(Math.floor(now.getTime() / 1000));
    const secrets = { encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN };
    expect(verifyFeishuRequest({ rawBody: body, timestamp: ts, nonce: 'n1', signature: sign(ts, 'n1', body), now }, secrets).ok).toBe(true);
    // The same JSON with a space added is another body.
    const spaced = body.replace('{"encrypt":', '{"encrypt": ');
    expect(verifyFeishuRequest({ rawBody: spaced, timestamp: ts, nonce: 'n1', signature: sign(ts, 'n1', body), now }, secrets)).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(verifyFeishuRequest({ rawBody: body, timestamp: ts, nonce: 'n2', signature: sign(ts, 'n1', body), now }, secrets)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });
});

describe.each(databases)('%s: POST /feishu/events refuses what Feishu did not send', (kind) => {
  let app: App;
  let fake: FakeFeishu;
  beforeAll(async () => { ({ app, fake } = await buildFeishuApp(kind)); });
  afterAll(async () => { await app.close(); });

  const commandsAnswered = () => fake.callsOf('reply').length;

  test('url_verification is answered with its challenge within a second, signed or (as the console sends it) unsigned', async () => {
    const challenge = 'ca4d8b66-1f0e-4e3c-9d0a-8c1b2a7e5f44';
    const started = Date.now();
    const res = await app.inject(signedRequest(urlVerification(challenge)));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ challenge });
    const unsigned = await app.inject(signedRequest(urlVerification(challenge), { unsigned: true }));
    expect(unsigned.json()).toEqual({ challenge });
  });

  test('a url_verification with the wrong verification token, or encrypted with another key, is refused', async () => {
    expect((await app.inject(signedRequest(urlVerification('c1', 'wrong-token'), { unsigned: true }))).statusCode).toBe(401);
    expect((await app.inject(signedRequest(urlVerification('c1'), { unsigned: true, key: 'another-key' }))).statusCode).toBe(401);
  });

  test('an unsigned event, a forged signature, a tampered body and a stale or future timestamp get 401 and do nothing', async () => {
    const before = commandsAnswered();
    const event = () => messageEvent({ user: 'ou_liwei', text: '/fb stats today' });
    expect((await app.inject(signedRequest(event(), { unsigned: true }))).statusCode).toBe(401);
    expect((await app.inject(signedRequest(event(), { signKey: 'guessed-key' }))).statusCode).toBe(401);
    const good = signedRequest(event());
    const tampered = { ...good, payload: JSON.stringify({ encrypt: encrypt(JSON.stringify(event())) }) };
    expect((await app.inject(tampered)).statusCode).toBe(401);
    expect((await app.inject(signedRequest(event(), { now: new Date(Date.now() - 6 * 60_000) }))).statusCode).toBe(401);
    expect((await app.inject(signedRequest(event(), { now: new Date(Date.now() + 6 * 60_000) }))).statusCode).toBe(401);
    const noNonce = signedRequest(event());
    delete (noNonce.headers as Record<string, string>)['x-lark-request-nonce'];
    expect((await app.inject(noNonce)).statusCode).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(commandsAnswered()).toBe(before);
  });

  test('a correctly signed event with the wrong verification token inside is refused', async () => {
    const res = await app.inject(signedRequest(messageEvent({ user: 'ou_liwei', text: '/fb stats today', token: 'not-ours' })));
    expect(res.statusCode).toBe(401);
  });

  test('malformed requests get a 400 naming no internals: not JSON, plaintext events, garbage ciphertext, a broken event', async () => {
    for (const body of ['not json', JSON.stringify({ schema: '2.0', header: { token: VERIFICATION_TOKEN } }), JSON.stringify({ encrypt: 'AAAA' }), '[]']) {
      const res = await app.inject(signedBody(body));
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe('bad_request');
    }
    const broken = signedRequest({ schema: '2.0', header: { event_id: 'ev_broken', event_type: 'im.message.receive_v1', token: VERIFICATION_TOKEN }, event: { message: 'nope' } });
    expect((await app.inject(broken)).statusCode).toBe(400);
    const notJsonInside = signedBody(JSON.stringify({ encrypt: encrypt('this is not json') }));
    expect((await app.inject(notJsonInside)).statusCode).toBe(400);
  });

  test('Feishu\'s retries of one event (same event_id) answer 200 each time and run the command once', async () => {
    const before = commandsAnswered();
    const event = messageEvent({ user: 'ou_liwei', text: '/fb stats today', eventId: 'ev_retry_1' });
    for (let i = 0; i < 3; i++) expect((await app.inject(signedRequest(event))).statusCode).toBe(200);
    await waitFor(() => commandsAnswered() >= before + 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(commandsAnswered()).toBe(before + 1);
  });
});

