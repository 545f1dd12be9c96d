// The callback URL as WeCom and an attacker use it: the GET check answers the decrypted echostr
// exactly; forged, tampered, stale, foreign and malformed callbacks (hostile XML included) get a
// clear 4xx and change nothing; the answer comes well within WeCom's 5 s.
import { encrypt, getSignature } from '@wecom/crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/app.js';
import { eventsOf } from '../../src/items/items-repo.js';
import { databases } from '../helpers/test-database.js';
import { postFeedback } from '../helpers/test-app.js';
import { CORP_ID, type FakeWecom } from './fake-wecom.js';
import { buildWecomApp } from './wecom-app.js';
import { AES_KEY, callback, callbackUrl, cardClick, envelope, seal, TOKEN } from './wecom-requests.js';

describe.each(databases)('%s: the WeCom callback URL', (kind) => {
  let app: App;
  let fake: FakeWecom;
  beforeAll(async () => { ({ app, fake } = await buildWecomApp(kind)); });
  afterAll(async () => { await app.close(); });

  test('URL verification answers the decrypted echostr exactly, as plain text, fast', async () => {
    // Enough random bytes that the base64 echostr holds "+", "/" and "=".
    const echo = '1616140317555161061';
    const s = seal(echo);
    expect(s.ciphertext).toMatch(/[+/=]/);
    const started = performance.now();
    const res = await app.inject({ method: 'GET', url: callbackUrl({ ...s, echostr: s.ciphertext }) });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(echo);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
  });

  test.each([
    ['another token', { token: 'ForgedToken' }, 401],
    ['another company', { corpId: 'wwffffffffffffffff' }, 400],
    ['an hour old', { now: new Date(Date.now() - 3600_000) }, 401],
  ])('URL verification signed with %s is refused', async (_name, options, status) => {
    const s = seal('echo', options);
    const res = await app.inject({ method: 'GET', url: callbackUrl({ ...s, echostr: s.ciphertext }) });
    expect(res.statusCode).toBe(status);
    expect(res.body).not.toContain('echo"');
  });

  test('forged, tampered, stale and malformed callbacks get a clear 4xx and change nothing', async () => {
    const { id } = (await postFeedback(app, { text: 'Nobody may claim this with a bad request', customer: { id: 'c-bad' }, channel: 'chat' })).json();
    const click = cardClick('LiWei', `claim:${id}`, { taskId: 'fb_x' });
    const good = seal(click);
    const post = (url: string, payload: string, type = 'text/xml') => app.inject({ method: 'POST', url, payload, headers: { 'content-type': type } });
    const sealedWith = (plaintext: string) => {
      const s = seal(plaintext);
      return post(callbackUrl(s), envelope(s.ciphertext));
    };
    const signedBody = (ciphertext: string) => {
      const ts = String(Math.floor(Date.now() / 1000));
      return post(callbackUrl({ signature: getSignature(TOKEN, ts, 'n1', ciphertext), timestamp: ts, nonce: 'n1' }), envelope(ciphertext));
    };
    const tampered = Buffer.from(good.ciphertext, 'base64');
    tampered[5]! ^= 1;
    const cases: [string, () => Promise<{ statusCode: number; body: string }>, number][] = [
      ['no signature at all', () => post('/wecom/callback', envelope(good.ciphertext)), 401],
      ['forged with another token', () => app.inject(callback(click, { token: 'ForgedToken' })), 401],
      ['ciphertext swapped after signing', () => post(callbackUrl(good), envelope(tampered.toString('base64'))), 401],
      ['replayed an hour later', () => app.inject(callback(click, { now: new Date(Date.now() - 3600_000) })), 401],
      ['sealed for another company', () => app.inject(callback(click, { corpId: 'wwffffffffffffffff' })), 400],
      ['encrypted with another key', () => signedBody(encrypt('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', click, CORP_ID)), 400],
      ['a ciphertext that is not whole blocks', () => signedBody(Buffer.from(good.ciphertext, 'base64').subarray(0, 50).toString('base64')), 400],
      ['outer body is not XML', () => post(callbackUrl(good), '{"Encrypt": "x"}'), 400],
      ['outer body without Encrypt', () => post(callbackUrl(good), '<xml><ToUserName>x</ToUserName></xml>'), 401],
      ['outer body with an external entity (XXE)', () => post(callbackUrl(good), `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Encrypt>&e;</Encrypt></xml>`), 400],
      ['outer body with expanding entities', () => post(callbackUrl(good), `<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><xml><Encrypt>&b;</Encrypt></xml>`), 400],
      ['decrypted message is not XML', () => sealedWith('this is not xml'), 400],
      ['decrypted message declares an entity', () => sealedWith(`<!DOCTYPE xml [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><FromUserName>&e;</FromUserName></xml>`), 400],
      ['decrypted message without a sender', () => sealedWith('<xml><MsgType>text</MsgType></xml>'), 400],
      ['decrypted message unclosed', () => sealedWith('<xml><FromUserName>LiWei</FromUserName>'), 400],
      ['a body over the size limit', () => post(callbackUrl(good), `<xml><Encrypt>${'A'.repeat(1100 * 1024)}</Encrypt></xml>`), 413],
      ['a body in another encoding', () => app.inject({ method: 'POST', url: callbackUrl(good), payload: Buffer.from(envelope(good.ciphertext), 'utf16le'), headers: { 'content-type': 'text/xml' } }), 400],
    ];
    for (const [name, run, status] of cases) {
      const res = await run();
      expect({ name, status: res.statusCode }).toEqual({ name, status });
      expect(res.body).not.toMatch(/stack|at \w+ \(/);
    }
    expect((await eventsOf(app.deps.db, id)).map((e) => e.type)).toEqual(['created']);
    // Nothing was sent to anyone because of them.
    expect(fake.callsOf('message/send').filter((c) => c.body.touser === 'LiWei')).toEqual([]);
  });

  test('events the desk does not use are acknowledged with an empty 200', async () => {
    const enter = `<xml><ToUserName>${CORP_ID}</ToUserName><FromUserName>LiWei</FromUserName><CreateTime>1700000000</CreateTime><MsgType>event</MsgType><Event>enter_agent</Event><AgentID>1000002</AgentID></xml>`;
    const res = await app.inject(callback(enter));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
  });

  test('the key used by these tests decodes to an AES-256 key', () => {
    expect(Buffer.from(`${AES_KEY}=`, 'base64')).toHaveLength(32);
  });
});
