// Signed webhooks, both ways. Intake: X-Feedback-Signature = sha256=<hex HMAC-SHA256 of
// "<timestamp>.<raw body bytes>">, keyed by INTAKE_SECRET, with X-Feedback-Timestamp (unix seconds)
// inside a 5-minute window. Outgoing replies are signed in a context of their own (see
// signReplyBody), so a captured reply can never pass as intake.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const INTAKE_WINDOW_SECONDS = 300;

/** Prefix of the signed string of an outgoing reply webhook; an intake signed string starts with a digit. */
export const REPLY_SIGNING_CONTEXT = 'feedback-desk.reply.v1:';

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing_headers' | 'stale_timestamp' | 'bad_signature' };

type Body = string | Uint8Array;

export function signIntakeBody(rawBody: Body, secret: string, now: Date): Record<'x-feedback-timestamp' | 'x-feedback-signature', string> {
  const timestamp = unixSeconds(now);
  return { 'x-feedback-timestamp': timestamp, 'x-feedback-signature': `sha256=${hmac(secret, timestamp, rawBody)}` };
}

/**
 * Pure: a function of the raw bytes exactly as received (never their decoded text, so a changed
 * invalid byte cannot pass), the headers, the secret and the clock.
 */
export function verifyIntakeSignature(o: { rawBody: Body; timestamp?: string; signature?: string; secret: string; now: Date }): SignatureCheck {
  return verifySigned(o, '');
}

/**
 * Headers for an outgoing reply webhook: X-Feedback-Timestamp and X-Feedback-Reply-Signature =
 * sha256=<hex HMAC-SHA256 of "feedback-desk.reply.v1:<timestamp>.<raw body>">. Another header
 * name and another signed string than intake, so neither the header nor the MAC is accepted there.
 */
export function signReplyBody(rawBody: Body, secret: string, now: Date): Record<'x-feedback-timestamp' | 'x-feedback-reply-signature', string> {
  const timestamp = unixSeconds(now);
  return { 'x-feedback-timestamp': timestamp, 'x-feedback-reply-signature': `sha256=${hmac(secret, REPLY_SIGNING_CONTEXT + timestamp, rawBody)}` };
}

/** What a reply receiver runs: the same checks as intake, in the reply context. */
export function verifyReplySignature(o: { rawBody: Body; timestamp?: string; signature?: string; secret: string; now: Date }): SignatureCheck {
  return verifySigned(o, REPLY_SIGNING_CONTEXT);
}

function verifySigned(o: { rawBody: Body; timestamp?: string; signature?: string; secret: string; now: Date }, context: string): SignatureCheck {
  if (!o.timestamp || !o.signature) return { ok: false, reason: 'missing_headers' };
  const ts = Number(o.timestamp);
  if (!/^\d{1,12}$/.test(o.timestamp) || Math.abs(o.now.getTime() / 1000 - ts) > INTAKE_WINDOW_SECONDS) return { ok: false, reason: 'stale_timestamp' };
  const expected = Buffer.from(`sha256=${hmac(o.secret, context + o.timestamp, o.rawBody)}`);
  const given = Buffer.from(o.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  return { ok: true };
}

function hmac(secret: string, prefix: string, rawBody: Body): string {
  return createHmac('sha256', secret).update(`${prefix}.`).update(rawBody).digest('hex');
}

function unixSeconds(now: Date): string {
  return String(Math.floor(now.getTime() / 1000));
}
