// Intake authentication: X-Feedback-Signature = sha256=<hex HMAC-SHA256 of "timestamp.rawBody">,
// keyed by INTAKE_SECRET, with X-Feedback-Timestamp (unix seconds) inside a 5-minute window.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const INTAKE_WINDOW_SECONDS = 300;

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing_headers' | 'stale_timestamp' | 'bad_signature' };

export function signIntakeBody(rawBody: string, secret: string, now: Date): Record<'x-feedback-timestamp' | 'x-feedback-signature', string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { 'x-feedback-timestamp': timestamp, 'x-feedback-signature': `sha256=${hmac(secret, timestamp, rawBody)}` };
}

/** Pure: a function of the raw bytes, the headers, the secret and the clock. */
export function verifyIntakeSignature(o: { rawBody: string; timestamp?: string; signature?: string; secret: string; now: Date }): SignatureCheck {
  if (!o.timestamp || !o.signature) return { ok: false, reason: 'missing_headers' };
  const ts = Number(o.timestamp);
  if (!/^\d{1,12}$/.test(o.timestamp) || Math.abs(o.now.getTime() / 1000 - ts) > INTAKE_WINDOW_SECONDS) return { ok: false, reason: 'stale_timestamp' };
  const expected = Buffer.from(`sha256=${hmac(o.secret, o.timestamp, o.rawBody)}`);
  const given = Buffer.from(o.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  return { ok: true };
}

function hmac(secret: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}
