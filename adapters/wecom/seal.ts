// WeCom callback security: msg_signature = sha1 of the sorted (token, timestamp, nonce, Encrypt),
// then AES-256-CBC with PKCS#7 padding to 32 bytes around random(16) + length(4) + message + CorpID.
// @wecom/crypto computes the signature and decrypts; it neither checks the padding nor the CorpID,
// so both are checked here. Pure apart from the clock passed in.
import { createDecipheriv, timingSafeEqual } from 'node:crypto';
import { decrypt, getSignature } from '@wecom/crypto';
import { WECOM_LIMITS } from './limits.js';

export interface SealKeys { token: string; encodingAesKey: string; corpId: string }
export interface Sealed { signature?: string; timestamp?: string; nonce?: string; encrypt?: string }

export type Opened =
  | { ok: true; message: string }
  | { ok: false; reason: 'missing_params' | 'stale' | 'bad_signature' | 'bad_ciphertext' | 'wrong_corp' };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** The ciphertext of one callback: far above any real message, far below what could hurt. */
const MAX_ENCRYPT_CHARS = 256 * 1024;

export function openSealed(keys: SealKeys, s: Sealed, now: Date): Opened {
  const { signature, timestamp, nonce } = s;
  // A query parser that reads "+" as a space must not break base64: base64 has no spaces.
  const encrypt = s.encrypt?.replaceAll(' ', '+');
  if (!signature || !timestamp || !nonce || !encrypt || !/^[0-9a-f]{40}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)
    || nonce.length > 128 || encrypt.length > MAX_ENCRYPT_CHARS || !BASE64.test(encrypt)) return { ok: false, reason: 'missing_params' };
  const expected = Buffer.from(getSignature(keys.token, timestamp, nonce, encrypt), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature.toLowerCase(), 'hex'))) return { ok: false, reason: 'bad_signature' };
  // Signed but old (or from the future): a replay, refused like a forgery.
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > WECOM_LIMITS.signatureWindowSeconds) return { ok: false, reason: 'stale' };
  const bytes = Buffer.from(encrypt, 'base64');
  if (bytes.length < 32 || bytes.length % 32 !== 0 || !paddingIsValid(keys.encodingAesKey, bytes)) return { ok: false, reason: 'bad_ciphertext' };
  let opened: { message: string; id: string };
  try {
    opened = decrypt(keys.encodingAesKey, encrypt);
  } catch {
    return { ok: false, reason: 'bad_ciphertext' };
  }
  // A message length running past the end leaves no CorpID behind, so it is caught here too.
  if (opened.id !== keys.corpId) return { ok: false, reason: 'wrong_corp' };
  return { ok: true, message: opened.message };
}

/**
 * PKCS#7 to 32 bytes: the last byte n is 1..32 and the last n bytes all equal n. Only the last three
 * cipher blocks are deciphered (CBC: a block's IV is the block before it), not the whole message.
 */
function paddingIsValid(encodingAesKey: string, bytes: Buffer): boolean {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  const from = Math.max(0, bytes.length - 48);
  const iv = from === 0 ? key.subarray(0, 16) : bytes.subarray(from - 16, from);
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  decipher.setAutoPadding(false);
  const tail = Buffer.concat([decipher.update(bytes.subarray(from)), decipher.final()]);
  const n = tail[tail.length - 1]!;
  if (n < 1 || n > 32) return false;
  for (let i = tail.length - n; i < tail.length; i++) if (tail[i] !== n) return false;
  return true;
}
