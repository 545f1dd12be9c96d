// Slack request signing (v0): HMAC-SHA256 over `v0:<timestamp>:<raw body>` with the signing
// secret, compared in constant time by bolt's verifier. Pure apart from the injected clock.
// Bolt's verifier module alone: the package root would also load express and the socket-mode client.
import { verifySlackRequest } from '@slack/bolt/dist/receivers/verify-request.js';
import { SLACK_LIMITS } from './limits.js';

export type SlackVerdict = { ok: true } | { ok: false; reason: 'missing_headers' | 'stale' | 'bad_signature' };

export interface SignedRequest { body: string; timestamp: string | undefined; signature: string | undefined; secret: string; now: Date }

export function verifySlackSignature(r: SignedRequest): SlackVerdict {
  if (!r.timestamp || !r.signature || !/^\d{1,12}$/.test(r.timestamp) || !/^v0=[0-9a-f]{64}$/.test(r.signature)) return { ok: false, reason: 'missing_headers' };
  const timestamp = Number(r.timestamp);
  // Bolt refuses only old timestamps; a request from the future is no more trustworthy.
  if (Math.abs(r.now.getTime() / 1000 - timestamp) > SLACK_LIMITS.signatureWindowSeconds) return { ok: false, reason: 'stale' };
  try {
    verifySlackRequest({
      signingSecret: r.secret, body: r.body, nowMilliseconds: r.now.getTime(),
      headers: { 'x-slack-signature': r.signature, 'x-slack-request-timestamp': timestamp },
    });
    return { ok: true };
  } catch {
    return { ok: false, reason: 'bad_signature' };
  }
}
