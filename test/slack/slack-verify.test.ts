// Slack's request signing, checked against the worked example in Slack's documentation.
import { describe, expect, test } from 'vitest';
import { verifySlackSignature } from '../../adapters/slack/verify.js';
import { slackSignature } from './slack-requests.js';

// From Slack's "Verifying requests from Slack" page.
const DOC = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: '1531420618',
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};
const at = (seconds: number) => new Date(seconds * 1000);

describe('Slack request signatures', () => {
  test("Slack's documented example verifies at its own time, and our test signer produces it", () => {
    expect(slackSignature(DOC.body, Number(DOC.timestamp), DOC.secret)).toBe(DOC.signature);
    expect(verifySlackSignature({ ...DOC, now: at(1531420618 + 10) })).toEqual({ ok: true });
  });

  test('the same request is refused when replayed more than five minutes later, or dated five minutes ahead', () => {
    expect(verifySlackSignature({ ...DOC, now: at(1531420618 + 301) })).toEqual({ ok: false, reason: 'stale' });
    expect(verifySlackSignature({ ...DOC, now: at(1531420618 - 301) })).toEqual({ ok: false, reason: 'stale' });
    expect(verifySlackSignature({ ...DOC, now: at(1531420618 + 299) })).toEqual({ ok: true });
  });

  test('one changed byte, another secret, or a missing or odd header is refused', () => {
    const now = at(1531420618);
    expect(verifySlackSignature({ ...DOC, body: DOC.body.replace('U2CERLKJA', 'U2CERLKJB'), now })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifySlackSignature({ ...DOC, secret: 'another-secret', now })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifySlackSignature({ ...DOC, signature: undefined, now })).toEqual({ ok: false, reason: 'missing_headers' });
    expect(verifySlackSignature({ ...DOC, timestamp: '15314x0618', now })).toEqual({ ok: false, reason: 'missing_headers' });
    expect(verifySlackSignature({ ...DOC, signature: DOC.signature.replace('v0=', 'v1='), now })).toEqual({ ok: false, reason: 'missing_headers' });
    expect(verifySlackSignature({ ...DOC, signature: DOC.signature.slice(0, -2), now })).toEqual({ ok: false, reason: 'missing_headers' });
  });
});
