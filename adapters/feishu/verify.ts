// Feishu request security, in the order it is checked: the X-Lark-Signature over the raw body
// (sha256 of timestamp + nonce + encrypt key + body) inside a 5-minute window, then AES-256-CBC
// decryption (key sha256(encrypt key), IV the first 16 bytes), then the verification token inside.
// Only the console's URL check may come unsigned (Feishu signs everything else); it still has to
// decrypt and carry the token, and it changes nothing.
import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';
import { FEISHU_LIMITS } from './limits.js';

export interface FeishuSecrets { encryptKey: string; verificationToken: string }

export interface SignedRequest { rawBody: string; timestamp?: string; nonce?: string; signature?: string; now: Date }

export type FeishuVerdict =
  | { ok: true; body: Record<string, unknown>; signed: boolean }
  | { ok: false; code: 'bad_signature' | 'bad_request'; reason: string };

export function feishuSignature(timestamp: string, nonce: string, encryptKey: string, body: string): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey + body).digest('hex');
}

export function verifyFeishuRequest(r: SignedRequest, secrets: FeishuSecrets): FeishuVerdict {
  const signed = r.signature !== undefined || r.timestamp !== undefined || r.nonce !== undefined;
  if (signed) {
    if (!r.timestamp || !r.nonce || !r.signature || !/^\d{1,12}$/.test(r.timestamp) || !/^[0-9a-f]{64}$/.test(r.signature) || r.nonce.length > 200) {
      return { ok: false, code: 'bad_signature', reason: 'missing_headers' };
    }
    if (Math.abs(r.now.getTime() / 1000 - Number(r.timestamp)) > FEISHU_LIMITS.signatureWindowSeconds) return { ok: false, code: 'bad_signature', reason: 'stale' };
    const expected = Buffer.from(feishuSignature(r.timestamp, r.nonce, secrets.encryptKey, r.rawBody), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(r.signature, 'hex'))) return { ok: false, code: 'bad_signature', reason: 'bad_signature' };
  }
  const envelope = safeJson(r.rawBody);
  // Unsigned, only an encrypted URL check could be acceptable; anything else lacks its signature.
  if (!isRecord(envelope) || typeof envelope.encrypt !== 'string') {
    return signed ? { ok: false, code: 'bad_request', reason: 'body is not an encrypted event' } : { ok: false, code: 'bad_signature', reason: 'missing_headers' };
  }
  const plain = decryptFeishu(envelope.encrypt, secrets.encryptKey);
  // A signed body that does not decrypt was encrypted with another key: as good as forged.
  if (plain === null) return { ok: false, code: signed ? 'bad_request' : 'bad_signature', reason: 'does not decrypt' };
  const body = safeJson(plain);
  if (!isRecord(body)) return { ok: false, code: 'bad_request', reason: 'decrypted body is not a JSON object' };
  if (!tokenMatches(tokenOf(body), secrets.verificationToken)) return { ok: false, code: 'bad_signature', reason: 'verification token' };
  if (!signed && body.type !== 'url_verification') return { ok: false, code: 'bad_signature', reason: 'missing_headers' };
  return { ok: true, body, signed };
}

/** base64 → IV (16 bytes) + AES-256-CBC ciphertext with PKCS#7 padding; null when it is not that. */
export function decryptFeishu(encrypted: string, encryptKey: string): string | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypted)) return null;
  const bytes = Buffer.from(encrypted, 'base64');
  if (bytes.length < 32 || bytes.length % 16 !== 0) return null;
  try {
    const key = createHash('sha256').update(encryptKey).digest();
    const decipher = createDecipheriv('aes-256-cbc', key, bytes.subarray(0, 16));
    const plain = Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(plain);
    return text;
  } catch {
    return null;
  }
}

/** Schema 2.0 carries the token in header.token, schema 1.0 and url_verification at the top. */
function tokenOf(body: Record<string, unknown>): unknown {
  return isRecord(body.header) ? body.header.token : body.token;
}

function tokenMatches(token: unknown, expected: string): boolean {
  if (typeof token !== 'string') return false;
  const a = createHash('sha256').update(token).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function safeJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}
