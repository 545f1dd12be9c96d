// The callback seal against @wecom/crypto's own functions and WeCom's documented layout: what
// WeCom sends opens; a forged, tampered, stale, foreign or badly padded one is refused by name.
import { createCipheriv, randomBytes } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { describe, expect, test } from 'vitest';
import { openSealed } from '../../adapters/wecom/seal.js';
import { CORP_ID } from './fake-wecom.js';
import { AES_KEY, seal, TOKEN } from './wecom-requests.js';

const keys = { token: TOKEN, encodingAesKey: AES_KEY, corpId: CORP_ID };
const open = (s: ReturnType<typeof seal>, now = new Date()) => openSealed(keys, { signature: s.signature, timestamp: s.timestamp, nonce: s.nonce, encrypt: s.ciphertext }, now);

/** WeCom's cipher written out from its documentation, to check the library and the checks independently. */
function sealByHand(message: string, corpId: string, pad = (n: number) => Buffer.alloc(n, n)): string {
  const key = Buffer.from(`${AES_KEY}=`, 'base64');
  const msg = Buffer.from(message);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(msg.length);
  const plain = Buffer.concat([randomBytes(16), length, msg, Buffer.from(corpId)]);
  const padded = Buffer.concat([plain, pad(32 - (plain.length % 32))]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

describe('WeCom callback seal', () => {
  test('the signature is sha1 over the four values sorted, as WeCom documents', async () => {
    const { createHash } = await import('node:crypto');
    const s = seal('<xml/>');
    const byHand = createHash('sha1').update([TOKEN, s.timestamp, s.nonce, s.ciphertext].sort().join('')).digest('hex');
    expect(s.signature).toBe(byHand);
    expect(getSignature(TOKEN, s.timestamp, s.nonce, s.ciphertext)).toBe(byHand);
  });

  test('a message sealed by @wecom/crypto or by hand opens to its exact text, Chinese included', () => {
    const text = '<xml><Content><![CDATA[快递没到！ 📦]]></Content></xml>';
    expect(open(seal(text))).toEqual({ ok: true, message: text });
    const byHand = sealByHand(text, CORP_ID);
    expect(decrypt(AES_KEY, byHand).message).toBe(text);
    const ts = String(Math.floor(Date.now() / 1000));
    expect(openSealed(keys, { signature: getSignature(TOKEN, ts, 'n1', byHand), timestamp: ts, nonce: 'n1', encrypt: byHand }, new Date()))
      .toEqual({ ok: true, message: text });
  });

  test.each([
    ['forged with another token', () => open(seal('<xml/>', { token: 'AnotherToken' })), 'bad_signature'],
    ['stale (six minutes old)', () => open(seal('<xml/>', { now: new Date(Date.now() - 6 * 60_000) })), 'stale'],
    ['from the future', () => open(seal('<xml/>', { now: new Date(Date.now() + 6 * 60_000) })), 'stale'],
    ['sealed for another company', () => open(seal('<xml/>', { corpId: 'wwffffffffffffffff' })), 'wrong_corp'],
  ])('%s is refused', (_name, run, reason) => {
    expect(run()).toEqual({ ok: false, reason });
  });

  test('a signature taken from another message is refused', () => {
    const mine = seal('<xml>mine</xml>');
    const other = seal('<xml>other</xml>', { nonce: mine.nonce });
    expect(open({ ...mine, signature: other.signature })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  test('a tampered ciphertext, bad padding or a wrong key are refused, never thrown', () => {
    const sign = (ciphertext: string) => {
      const ts = String(Math.floor(Date.now() / 1000));
      return openSealed(keys, { signature: getSignature(TOKEN, ts, 'n', ciphertext), timestamp: ts, nonce: 'n', encrypt: ciphertext }, new Date());
    };
    // Padding bytes that disagree with their count (this message pads 20 bytes), and a zero count.
    expect(sign(sealByHand('<xml/>', CORP_ID, (n) => Buffer.concat([Buffer.alloc(n - 1, 7), Buffer.from([n])])))).toEqual({ ok: false, reason: 'bad_ciphertext' });
    expect(sign(sealByHand('<xml/>', CORP_ID, (n) => Buffer.alloc(n, 0)))).toEqual({ ok: false, reason: 'bad_ciphertext' });
    const bytes = Buffer.from(encrypt(AES_KEY, '<xml/>', CORP_ID), 'base64');
    bytes[bytes.length - 20]! ^= 0xff;
    expect(sign(bytes.toString('base64')).ok).toBe(false);
    expect(sign(Buffer.from(encrypt(AES_KEY, '<xml/>', CORP_ID), 'base64').subarray(0, 40).toString('base64'))).toEqual({ ok: false, reason: 'bad_ciphertext' });
    expect(sign(encrypt('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', '<xml/>', CORP_ID)).ok).toBe(false);
    expect(sign('not base64 at all!')).toEqual({ ok: false, reason: 'missing_params' });
  });

  test('missing or malformed query values are refused before any work', () => {
    const s = seal('<xml/>');
    for (const broken of [{ signature: undefined }, { timestamp: 'soon' }, { nonce: undefined }, { signature: 'xyz' }, { encrypt: '' }]) {
      expect(openSealed(keys, { signature: s.signature, timestamp: s.timestamp, nonce: s.nonce, encrypt: s.ciphertext, ...broken }, new Date()))
        .toEqual({ ok: false, reason: 'missing_params' });
    }
  });
});
